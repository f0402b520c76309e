/**
 * The part of autocannon's programmatic API the benchmarks use (the package ships no types and
 * @types/autocannon is not installed). See node_modules/autocannon/README.md.
 */
declare module 'autocannon' {
	interface Options {
		url: string;
		connections?: number;
		/** Seconds. */
		duration?: number;
		headers?: Record<string, string>;
		/** Seconds before a request counts as a timeout. */
		timeout?: number;
	}

	/** HDR histogram summary: mean and percentiles (`p50`, `p99` …) of one measure. */
	interface Histogram {
		average: number;
		mean: number;
		max: number;
		min: number;
		total: number;
		p50: number;
		p90: number;
		p99: number;
	}

	interface Result {
		/** Latency in milliseconds. */
		latency: Histogram;
		/** Requests per second, sampled every second. */
		requests: Histogram;
		throughput: Histogram;
		totalCompletedRequests: number;
		errors: number;
		timeouts: number;
		/** Responses outside 2xx. */
		non2xx: number;
		/** Seconds the run lasted. */
		duration: number;
	}

	function autocannon(options: Options): Promise<Result>;
	export default autocannon;
}
