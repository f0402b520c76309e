/**
 * Preloaded into the benchmark's server (`node --import ./bench/scale/loop-monitor.mjs
 * dist-bench/serve.mjs`), never into production: the server's own event-loop delay, from
 * `perf_hooks.monitorEventLoopDelay`. On SIGUSR2 it prints one line to stderr,
 * `livefest-loop-delay {"p50":…,"p99":…,"max":…,"mean":…,"count":…}` (milliseconds since the
 * previous SIGUSR2 or the start), and starts counting again, so the benchmark can read the delay
 * during each heavy action without touching src/serve/.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();

/** Nanoseconds to milliseconds, two decimals. */
const ms = (ns) => Math.round(ns / 1e4) / 100;

process.on('SIGUSR2', () => {
	const figures = {
		p50: ms(histogram.percentile(50)),
		p99: ms(histogram.percentile(99)),
		max: ms(histogram.max),
		mean: ms(histogram.mean),
		count: histogram.count,
	};
	process.stderr.write(`livefest-loop-delay ${JSON.stringify(figures)}\n`);
	histogram.reset();
});
