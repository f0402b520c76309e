import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';

/** A free loopback port. */
export async function findFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

/** Polls until the origin answers; returns the `performance.now()` of the first response. */
export async function waitForFirstResponse(
	origin: string,
	options: { timeoutMs?: number; isAlive?: () => boolean } = {},
): Promise<number> {
	const deadline = performance.now() + (options.timeoutMs ?? 60_000);
	while (performance.now() < deadline) {
		if (options.isAlive && !options.isAlive()) throw new Error(`${origin}: the server exited`);
		try {
			await fetch(origin, { redirect: 'manual' });
			return performance.now();
		} catch {
			await new Promise((r) => setTimeout(r, 10));
		}
	}
	throw new Error(`${origin} did not answer in time`);
}

/** A response read whole, with its body still encoded as sent. */
export interface RawResponse {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** Reads a response whole, its body as sent (still encoded). */
export function readResponse(res: IncomingMessage): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		res.on('data', (chunk: Buffer) => chunks.push(chunk));
		res.on('end', () =>
			resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
		);
		res.on('error', reject);
	});
}

/**
 * A request with exactly these headers and no connection reuse: fetch would add its own
 * Accept-Encoding and decode the body, which the compression tests must see as sent.
 */
export function rawRequest(
	url: string,
	options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{ method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false },
			(res) => readResponse(res).then(resolve, reject),
		);
		req.on('error', reject);
		req.end();
	});
}
