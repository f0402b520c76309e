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
