/**
 * The soak's load loop: N concurrent loops on one keep-alive node:http Agent, each sending its next
 * request as soon as the last answer is read, until a deadline; and the tally of what came back,
 * by kind of request.
 */
import http from 'node:http';
import { readResponse } from '../../tests/support/net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { summarizeLatency, type LatencySummary } from '../search/stats';

export interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	/** `[<id> sent <ISO time>]`: the request's id and when it was sent, to find it in the log. */
	trace: string;
}

/**
 * Requests on one keep-alive agent; rejects only on socket errors and timeouts. Each request
 * carries an `X-Request-Id` (`<prefix>-<n>`), which a server that trusts loopback as a proxy logs
 * as the request's id, so a failure can be looked up in the server's access log; a failure's
 * message names the id and when the request was sent.
 */
export function createRequester(origin: string, connections: number, idPrefix = 'soak') {
	const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
	const target = new URL(origin);
	let serial = 0;
	const send = (options: http.RequestOptions, body?: string): Promise<Answer> =>
		new Promise((resolve, reject) => {
			const id = `${idPrefix}-${++serial}`;
			const sentAt = Date.now();
			const fail = (error: Error) =>
				reject(new Error(`${error.message} [${id} sent ${new Date(sentAt).toISOString()}]`));
			const req = http.request(
				{
					...options,
					headers: { ...options.headers, 'X-Request-Id': id },
					host: target.hostname,
					port: target.port,
					agent,
				},
				(res) =>
					readResponse(res).then(
						(answer) =>
							resolve({ ...answer, trace: `[${id} sent ${new Date(sentAt).toISOString()}]` }),
						fail,
					),
			);
			req.on('error', fail);
			req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
			req.end(body);
		});
	return {
		get: (path: string, headers: Record<string, string> = {}) => send({ path, headers }),
		send,
		close: () => agent.destroy(),
	};
}

export type Requester = ReturnType<typeof createRequester>;

/** The body as text, decompressed when the server compressed it. */
export function readText(answer: Answer): string {
	const encoding = answer.headers['content-encoding'];
	try {
		if (encoding === 'br') return brotliDecompressSync(answer.body).toString('utf8');
		if (encoding === 'gzip') return gunzipSync(answer.body).toString('utf8');
	} catch {
		return '';
	}
	return answer.body.toString('utf8');
}

interface KindTally {
	latencies: number[];
	/** Status ≥ 500. */
	serverErrors: number;
	socketErrors: number;
	clientErrors: number;
}

export interface KindSummary {
	kind: string;
	requests: number;
	latency: LatencySummary;
	serverErrors: number;
	socketErrors: number;
	clientErrors: number;
}

/** Latency and failures per kind of request, plus samples of what failed. */
export class TrafficTally {
	private readonly kinds = new Map<string, KindTally>();
	/** The first few failures, for the report: `kind status path: detail`. */
	readonly failures: string[] = [];

	private tally(kind: string): KindTally {
		let entry = this.kinds.get(kind);
		if (!entry) {
			entry = { latencies: [], serverErrors: 0, socketErrors: 0, clientErrors: 0 };
			this.kinds.set(kind, entry);
		}
		return entry;
	}

	answered(kind: string, ms: number, status: number, detail?: string): void {
		const entry = this.tally(kind);
		entry.latencies.push(ms);
		if (status >= 500) entry.serverErrors += 1;
		else if (status >= 400) entry.clientErrors += 1;
		if (status >= 500 && this.failures.length < 20)
			this.failures.push(`${kind} ${status} ${detail ?? ''}`);
	}

	failed(kind: string, ms: number, error: Error, path: string): void {
		const entry = this.tally(kind);
		entry.latencies.push(ms);
		entry.socketErrors += 1;
		if (this.failures.length < 20) this.failures.push(`${kind} socket ${path}: ${error.message}`);
	}

	summarize(): KindSummary[] {
		return [...this.kinds.entries()]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([kind, t]) => ({
				kind,
				requests: t.latencies.length,
				latency: summarizeLatency(t.latencies),
				serverErrors: t.serverErrors,
				socketErrors: t.socketErrors,
				clientErrors: t.clientErrors,
			}));
	}
}

/** Runs `loops` copies of `step` back to back until `deadline` (a `performance.now()` value). */
export async function runLoops(
	loops: number,
	deadline: number,
	step: () => Promise<void>,
): Promise<void> {
	const loop = async () => {
		while (performance.now() < deadline) await step();
	};
	await Promise.all(Array.from({ length: loops }, loop));
}
