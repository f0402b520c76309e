/**
 * The production server: Astro's handler (@astrojs/node in middleware mode) inside the portal's
 * serving layer. Built to `dist/serve.mjs` next to Astro's output (astro.config.mjs) and started
 * by `npm start` (scripts/start.ts) or `node dist/serve.mjs`. It owns, start to stop, the feed of
 * database changes that keeps its page cache true and the background workers (room sync, search
 * outbox, pictures, search index merging), each on a connection of its own: SIGTERM stops all of them, then the process exits.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getDb } from '../lib/server/db';
import { env } from '../lib/server/env';
import { startImageWorker } from '../lib/server/media/autostart';
import { startSearchOutboxWorker } from '../lib/server/search/engines';
import { startIndexMergeWorker } from '../lib/server/search/index-merge';
import { startSyncWorker } from '../lib/server/sync/autostart';
import { CHANGE_POLL_MS, openChangeFeed } from './change-feed';
import { startCheckpointer } from './checkpointer';
import { compileTrustedProxies } from './client-address';
import { listen } from './http-server';
import { PageCache } from './page-cache';
import { createServingLayer, type AstroHandler } from './serving-layer';
import { loadStaticAssets } from './static-assets';

/** How long a stop waits for requests in flight and a worker's pass before the process exits. */
const STOP_GRACE_MS = 10_000;

const distDir = path.dirname(fileURLToPath(import.meta.url));
// Migrates before anything reads; the workers write on this connection, the pages on Astro's.
const db = getDb();
// Neither connection checkpoints the WAL in a commit (which would hold the event loop while it
// copies and syncs): this process's thread does (checkpointer.ts). Astro's bundle reads its
// configuration when it is imported below, so the setting reaches its connection that way.
process.env.WAL_AUTOCHECKPOINT = '0';
const checkpointer = startCheckpointer(db.$client, env.databasePath);
const feed = openChangeFeed(env.databasePath);
const astro = (await import(pathToFileURL(path.join(distDir, 'server', 'entry.mjs')).href)) as {
	handler: AstroHandler;
};

const layer = createServingLayer({
	handler: astro.handler,
	statics: await loadStaticAssets(path.join(distDir, 'client')),
	cache: new PageCache(env.pageCacheBytes),
	startSeq: feed.seq,
	trustProxy: compileTrustedProxies(env.trustedProxies),
});
let feedFailures = 0;
const poll = setInterval(() => {
	try {
		layer.applyChanges(feed.read());
		feedFailures = 0;
	} catch (error) {
		if (feedFailures++ % 240 === 0) console.error('livefest: reading changes failed:', error);
	}
}, CHANGE_POLL_MS);

const running = await listen(layer, { host: env.host, port: env.port });
const workers = [
	startSyncWorker(db),
	startSearchOutboxWorker(db),
	startImageWorker(db),
	startIndexMergeWorker(db),
];
console.log(`livefest: listening on http://${env.host}:${env.port}`);

/**
 * Stops taking requests and starting work — no new connection, no sync pass or outbox batch —
 * lets what is in flight finish (each merchant's sync and each outbox batch settles in its own
 * transaction, so one cut short by the grace period is retried later), then exits.
 */
async function stop(signal: string): Promise<void> {
	console.log(
		`livefest: ${signal}: finishing requests and background work in flight, then stopping`,
	);
	const deadline = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
	await Promise.race([
		Promise.all([running.shutdown(STOP_GRACE_MS), ...workers.map((w) => w?.stop())]),
		deadline,
	]);
	clearInterval(poll);
	feed.close();
	await checkpointer.stop();
	db.$client.close();
	console.log('livefest: stopped');
	process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, () => {
		stop(signal).catch((error: unknown) => {
			console.error('livefest: stopping failed:', error);
			process.exit(1);
		});
	});
}
