/**
 * A visitor beside a heavy action: asks for a cached public page every ~10 ms on its own
 * keep-alive agent and records how long each answer took, from the moment it was due. Requests are
 * issued on schedule whether or not the previous ones have been answered (beyond 50 sockets they
 * wait in the agent's queue, still timed from when they were due), so a frozen server shows as
 * every request due during the freeze waiting, not as one slow sample.
 */
import http from 'node:http';
import { summarizeLatency, type LatencySummary } from '../search/stats';

export interface ProbeSummary {
	requests: number;
	errors: number;
	latency: LatencySummary;
}

export interface Prober {
	stop(): Promise<ProbeSummary>;
}

const SOCKETS = 50;
/** A bound on requests waiting at once (a 100 s freeze at 10 ms). */
const MAX_PENDING = 10_000;

/** Starts probing `origin + pagePath` every `intervalMs`. */
export function startProber(origin: string, pagePath: string, intervalMs = 10): Prober {
	const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS });
	const url = new URL(pagePath, origin);
	const latencies: number[] = [];
	const pending = new Set<Promise<void>>();
	let errors = 0;
	const probe = () => {
		if (pending.size >= MAX_PENDING) return;
		const started = performance.now();
		const done = new Promise<void>((resolve) => {
			const req = http.get(url, { agent, headers: { 'Accept-Encoding': 'br' } }, (res) => {
				res.resume();
				res.on('end', () => {
					latencies.push(performance.now() - started);
					if (res.statusCode !== 200) errors += 1;
					resolve();
				});
			});
			req.on('error', () => {
				latencies.push(performance.now() - started);
				errors += 1;
				resolve();
			});
			req.setTimeout(60_000, () => req.destroy(new Error('no answer in 60 s')));
		});
		pending.add(done);
		void done.then(() => pending.delete(done));
	};
	const timer = setInterval(probe, intervalMs);
	return {
		async stop() {
			clearInterval(timer);
			await Promise.all(pending);
			agent.destroy();
			return {
				requests: latencies.length,
				errors,
				latency: summarizeLatency(latencies),
			};
		},
	};
}
