import { appClock } from '../clock';
import type { Db } from '../db';
import { env } from '../env';
import { getSyncDeps } from './config';
import { createSyncWorker, type SyncWorker } from './worker';

/**
 * Starts the in-server sync worker; the server starts it with itself and stops it on SIGTERM
 * (src/serve/main.ts), on a connection of its own. Undefined (off) when SYNC_INTERVAL_MS is 0,
 * which is the default when LIVEFEST_NOW pins the clock (tests, demos). Errors are logged by kind
 * only: never a URL's query string, token or secret.
 */
export function startSyncWorker(
	db: Db,
	hooks: { onFailures?: (n: number) => void } = {},
): SyncWorker | undefined {
	if (env.sync.intervalMs <= 0) return undefined;
	const worker = createSyncWorker({
		getDb: () => db,
		intervalMs: env.sync.intervalMs,
		concurrency: env.sync.concurrency,
		deps: () => getSyncDeps(appClock.now()),
		onError: (error) => console.error(`room sync pass failed: ${(error as Error).name}`),
		onPass: (outcomes) => hooks.onFailures?.(outcomes.filter((o) => o.result === 'failed').length),
	});
	worker.start();
	return worker;
}
