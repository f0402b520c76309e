import type { Db } from '../db';
import { listDueMerchants, syncMerchant, type SyncDeps, type SyncOutcome } from './merchant-sync';

/**
 * Runs `task` over `items` with at most `limit` at a time, keeping the order of results. Each
 * merchant's failure is its own (syncMerchant records it and resolves), so one slow or broken
 * feed never holds up the rest beyond its timeout. Once `signal` aborts no further item starts;
 * the results of those started are returned.
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T) => Promise<R>,
	signal?: AbortSignal,
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let nextIndex = 0;
	const lane = async (): Promise<void> => {
		while (nextIndex < items.length && !signal?.aborted) {
			const index = nextIndex++;
			results[index] = await task(items[index]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
	return results.slice(0, nextIndex);
}

/** Syncs every due merchant (or just `merchantIds`), `concurrency` at a time. */
export async function syncDueMerchants(
	db: Db,
	deps: SyncDeps,
	options: {
		concurrency: number;
		merchantIds?: number[];
		/** Called as each merchant finishes (the CLI's progress bar). */
		onDone?: (done: number, total: number) => void;
		/** Starts no further merchant once aborted (the worker's stop); each is one transaction. */
		signal?: AbortSignal;
	},
): Promise<SyncOutcome[]> {
	const ids = options.merchantIds ?? listDueMerchants(db, deps.now);
	let done = 0;
	return mapWithConcurrency(
		ids,
		options.concurrency,
		async (id) => {
			const outcome = await syncMerchant(db, id, deps).catch((): SyncOutcome => ({
				merchantId: id,
				result: 'failed',
				message: 'sync.error.unexpected',
				rows: [],
				missing: 0,
			}));
			options.onDone?.(++done, ids.length);
			return outcome;
		},
		options.signal,
	);
}

export interface SyncWorker {
	start(): void;
	/** No further pass or merchant starts; resolves once the merchants in progress are done. */
	stop(): Promise<void>;
	/** One pass now (tests; the interval calls the same). */
	runOnce(): Promise<SyncOutcome[]>;
	/** When the last pass finished, or the worker started (for /readyz: is it still passing?). */
	lastProgressAt(): number;
}

/**
 * The in-server sync: every `intervalMs`, one pass over the due merchants. Passes never overlap
 * (a slow pass delays the next), and the timer does not keep the process alive.
 */
export function createSyncWorker(options: {
	getDb: () => Db;
	intervalMs: number;
	concurrency: number;
	deps: () => SyncDeps;
	onError?: (error: unknown) => void;
	/** Told each pass's outcomes (metrics count the failures). */
	onPass?: (outcomes: SyncOutcome[]) => void;
}): SyncWorker {
	let timer: NodeJS.Timeout | undefined;
	let progressAt = Date.now();
	let running: Promise<SyncOutcome[]> | undefined;
	let stopped = true;
	let halt = new AbortController();
	const runOnce = (): Promise<SyncOutcome[]> => {
		running ??= syncDueMerchants(options.getDb(), options.deps(), {
			concurrency: options.concurrency,
			signal: halt.signal,
		})
			.then((outcomes) => {
				options.onPass?.(outcomes);
				return outcomes;
			})
			.finally(() => {
				running = undefined;
				progressAt = Date.now();
			});
		return running;
	};
	const schedule = (): void => {
		if (stopped) return;
		timer = setTimeout(() => {
			runOnce()
				.catch((error: unknown) => options.onError?.(error))
				.finally(schedule);
		}, options.intervalMs);
		timer.unref();
	};
	return {
		start() {
			if (!stopped || options.intervalMs <= 0) return;
			stopped = false;
			halt = new AbortController();
			progressAt = Date.now();
			schedule();
		},
		async stop() {
			stopped = true;
			halt.abort();
			clearTimeout(timer);
			await running?.catch(() => undefined);
		},
		runOnce,
		lastProgressAt: () => progressAt,
	};
}
