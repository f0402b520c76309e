/**
 * One URL under load with autocannon (in this process, sharing the CPUs with the server, as any
 * local load generator does): a warm-up run that is thrown away, then the measured run.
 */
import autocannon from 'autocannon';

export interface LoadResult {
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	/** Non-2xx responses, socket errors and timeouts together. */
	errors: number;
	requests: number;
}

export interface LoadOptions {
	connections: number;
	durationS: number;
	warmupS: number;
}

/**
 * Drives `url` with `connections` keep-alive connections. No Accept-Encoding header is sent, so
 * the portal answers with the identity body, byte for byte what the limit server replays.
 */
export async function measureLoad(url: string, options: LoadOptions): Promise<LoadResult> {
	if (options.warmupS > 0) {
		await autocannon({ url, connections: options.connections, duration: options.warmupS });
	}
	const result = await autocannon({
		url,
		connections: options.connections,
		duration: options.durationS,
		timeout: 10,
	});
	return {
		requestsPerSecond: Math.round(result.requests.average),
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		errors: result.non2xx + result.errors + result.timeouts,
		requests: result.totalCompletedRequests,
	};
}
