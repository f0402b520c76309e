/**
 * The production server: Astro's handler (@astrojs/node in middleware mode) inside the portal's
 * serving layer. Built to `dist/serve.mjs` next to Astro's output (astro.config.mjs) and started
 * by `npm start` (scripts/start.ts) or `node dist/serve.mjs`. It owns, start to stop, the feed of
 * database changes that keeps its page cache true, the background workers (room sync, search
 * outbox, pictures, search index merging) and the WAL checkpoint thread, and what operators watch:
 * the JSON log, `/healthz`, `/readyz` and `/metrics`. SIGTERM makes it not ready, stops all of
 * them, then the process exits.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getDb, MIGRATIONS_DIR } from '../lib/server/db';
import { env } from '../lib/server/env';
import { startImageWorker } from '../lib/server/media/autostart';
import { startSearchOutboxWorker } from '../lib/server/search/engines';
import { startIndexMergeWorker } from '../lib/server/search/index-merge';
import { loadRoomAttributes } from '../lib/server/search/room-attributes';
import { startSyncWorker } from '../lib/server/sync/autostart';
import { CHANGE_POLL_MS, openChangeFeed } from './change-feed';
import { startCheckpointer } from './checkpointer';
import { compileTrustedProxies } from './client-address';
import { createDatabaseGauges } from './database-gauges';
import { listen } from './http-server';
import { createServerMetrics } from './metrics';
import { createOpsEndpoints } from './ops-endpoints';
import { PageCache } from './page-cache';
import { createReadiness } from './readiness';
import { createRequestObserver, createServerLog, findRequestRecord } from './request-log';
import { createServingLayer, type AstroHandler } from './serving-layer';
import { loadStaticAssets } from './static-assets';

/** How long a stop waits for requests in flight and a worker's pass before the process exits. */
const STOP_GRACE_MS = 10_000;

const log = createServerLog(env.logLevel);
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
const trustProxy = compileTrustedProxies(env.trustedProxies);
const cache = new PageCache(env.pageCacheBytes);
const metrics = createServerMetrics(
	cache,
	createDatabaseGauges(db.$client, { meilisearch: env.meilisearch !== undefined }),
);
const startedAt = Date.now();
/** Started once the server listens; until then readiness counts from the start. */
const sync: { worker?: ReturnType<typeof startSyncWorker> } = {};
const readiness = createReadiness({
	sqlite: db.$client,
	file: env.databasePath,
	migrationsDir: MIGRATIONS_DIR,
	minFreeBytes: env.readiness.minFreeBytes,
	outboxLagMs: env.meilisearch ? env.readiness.outboxLagMs : undefined,
	// A pass may wait for slow feeds: three intervals and a quarter of an hour before it counts as stuck.
	sync:
		env.sync.intervalMs > 0
			? {
					lastProgressAt: () => sync.worker?.lastProgressAt() ?? startedAt,
					boundMs: 3 * env.sync.intervalMs + 15 * 60_000,
				}
			: undefined,
});

/** A failure the serving layer could not answer: logged with the request's id and route, no query. */
function reportError(req: import('node:http').IncomingMessage, what: string, error: unknown) {
	const record = findRequestRecord(req);
	log.error(
		{ err: error, id: record?.id, route: record?.route, path: req.url?.split('?')[0] },
		what,
	);
}

const layer = createServingLayer({
	handler: astro.handler,
	statics: await loadStaticAssets(path.join(distDir, 'client')),
	cache,
	startSeq: feed.seq,
	trustProxy,
	ops: createOpsEndpoints({
		readiness,
		metrics,
		metricsAllow: compileTrustedProxies(env.metricsAllow),
	}),
	onRender: metrics.observeRender,
	reportError,
});
let feedFailures = 0;
const poll = setInterval(() => {
	try {
		layer.applyChanges(feed.read());
		feedFailures = 0;
	} catch (error) {
		if (feedFailures++ % 240 === 0) log.error({ err: error }, 'reading changes failed');
	}
}, CHANGE_POLL_MS);

// The search's room attributes before the first request (shared with Astro's copy of the module,
// search/room-attributes.ts): loaded afterwards, under load, they are read in chunks between
// renders and the first searches wait for them, seconds at 270,000 rooms.
try {
	const began = performance.now();
	const attributes = await loadRoomAttributes(db);
	log.info(
		{ rooms: attributes.count, ms: Math.round(performance.now() - began) },
		'search room attributes loaded',
	);
} catch (error) {
	log.error({ err: error }, 'loading the search room attributes failed; the first search will');
}

const observer = createRequestObserver({ log, metrics, trustProxy });
const running = await listen(layer, { host: env.host, port: env.port }, { observer, reportError });
sync.worker = startSyncWorker(db, { onFailures: metrics.countSyncFailures });
const workers = [
	sync.worker,
	startSearchOutboxWorker(db),
	startImageWorker(db),
	startIndexMergeWorker(db),
];
log.info({ host: env.host, port: env.port, database: env.databasePath }, 'listening');

/**
 * Stops taking requests and starting work — no new connection, no sync pass or outbox batch —
 * lets what is in flight finish (each merchant's sync and each outbox batch settles in its own
 * transaction, so one cut short by the grace period is retried later), then exits.
 */
async function stop(signal: string): Promise<void> {
	readiness.markStopping();
	log.info({ signal }, 'finishing requests and background work in flight, then stopping');
	const deadline = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
	await Promise.race([
		Promise.all([running.shutdown(STOP_GRACE_MS), ...workers.map((w) => w?.stop())]),
		deadline,
	]);
	clearInterval(poll);
	feed.close();
	await checkpointer.stop();
	db.$client.close();
	log.info('stopped');
	log.flush();
	process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, () => {
		stop(signal).catch((error: unknown) => {
			log.error({ err: error }, 'stopping failed');
			log.flush();
			process.exit(1);
		});
	});
}
