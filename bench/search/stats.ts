/** Latency summary in milliseconds, rounded for reports. */
export interface LatencySummary {
	samples: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	mean: number;
}

/** Nearest-rank quantile of ascending samples: the figure a reader can find in the raw data. */
export function pickQuantile(sorted: readonly number[], q: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil(q * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Rounds to a precision that keeps sub-millisecond figures readable without fake digits. */
export function roundMs(ms: number): number {
	if (!Number.isFinite(ms)) return ms;
	return ms < 10 ? +ms.toFixed(3) : +ms.toFixed(1);
}

/** Summarises samples so every table in the report reads the same way. */
export function summarizeLatency(samples: readonly number[]): LatencySummary {
	const sorted = [...samples].sort((a, b) => a - b);
	const total = sorted.reduce((sum, x) => sum + x, 0);
	return {
		samples: sorted.length,
		p50: roundMs(pickQuantile(sorted, 0.5)),
		p95: roundMs(pickQuantile(sorted, 0.95)),
		p99: roundMs(pickQuantile(sorted, 0.99)),
		max: roundMs(sorted[sorted.length - 1] ?? Number.NaN),
		mean: roundMs(sorted.length ? total / sorted.length : Number.NaN),
	};
}

/** Median of a few repeated timings: one slow run (GC, a page fault) should not decide a figure. */
export function takeMedian(samples: readonly number[]): number {
	return pickQuantile(
		[...samples].sort((a, b) => a - b),
		0.5,
	);
}
