import http from 'node:http';
import { readResponse, type RawResponse as Answer } from '../../tests/support/net';

export interface RawResponse extends Answer {
	/** Client-side time from sending the request to the last byte, ms. */
	ms: number;
}

/**
 * One GET with exactly the headers given: unlike `fetch`, node:http adds no Accept-Encoding, so
 * the body is what the server sends to a client that asks for nothing compressed.
 */
export function getRaw(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = http.get(url, { headers, agent: false }, (res) => {
			readResponse(res).then(
				(answer) => resolve({ ...answer, ms: performance.now() - started }),
				reject,
			);
		});
		req.on('error', reject);
		req.setTimeout(30_000, () => req.destroy(new Error(`${url}: no answer in 30 s`)));
	});
}

/** The `app;dur=` figure of a `Server-Timing` header, in ms. */
export function readAppDuration(headers: http.IncomingHttpHeaders): number | undefined {
	const match = /app;dur=([\d.]+)/.exec(String(headers['server-timing'] ?? ''));
	return match ? Number(match[1]) : undefined;
}
