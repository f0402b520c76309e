import { appClock } from '../clock';
import { getDb } from '../db';
import { env } from '../env';
import { getSyncDeps } from './config';
import { createSyncWorker, type SyncWorker } from './worker';

let worker: SyncWorker | undefined;

/**
 * Starts the in-server sync worker the first time it is called (from the auth middleware, on the
 * first request), and never again. Off when SYNC_INTERVAL_MS is 0, which is the default when
 * LIVEFEST_NOW pins the clock (tests, demos). Errors are logged by kind only: never a URL's query
 * string, token or secret.
 */
export function ensureSyncWorker(): void {
	if (worker || env.sync.intervalMs <= 0) return;
	worker = createSyncWorker({
		getDb,
		intervalMs: env.sync.intervalMs,
		concurrency: env.sync.concurrency,
		deps: () => getSyncDeps(appClock.now()),
		onError: (error) => console.error(`room sync pass failed: ${(error as Error).name}`),
	});
	worker.start();
}
