import { systemClock } from '../clock';
import type { Db } from '../db';
import { env } from '../env';
import { createFts5Index } from './fts5';
import { createMeilisearchIndex } from './meilisearch';
import { createOutboxWorker, type OutboxWorker } from './outbox';
import type { SearchIndex, SearchRequest, SearchResult } from './types';

export interface SearchEngines {
	/** Meilisearch when configured. */
	primary: SearchIndex | undefined;
	/** Always the embedded FTS5 index. */
	fallback: SearchIndex;
	timeoutMs: number;
}

let engines: SearchEngines | undefined;

/** The portal's engines, from configuration (MEILISEARCH_URL), created once. */
export function getSearchEngines(db: Db): SearchEngines {
	if (engines) return engines;
	const primary = env.meilisearch
		? createMeilisearchIndex(db, { ...env.meilisearch, searchTimeoutMs: env.searchTimeoutMs })
		: undefined;
	engines = { primary, fallback: createFts5Index(db), timeoutMs: env.searchTimeoutMs };
	return engines;
}

/**
 * Starts the outbox worker that feeds Meilisearch (search/outbox.ts), when it is configured; the
 * server starts it with itself and stops it on SIGTERM (src/serve/main.ts), on a connection of its
 * own. It runs on the system clock, never the pinned LIVEFEST_NOW, so its backoff advances.
 * Several processes may each run one: rows are claimed in IMMEDIATE transactions with a lease, so
 * none is sent twice at once, and a process that dies mid-batch leaves rows retried after the lease.
 */
export function startSearchOutboxWorker(db: Db): OutboxWorker | undefined {
	if (!env.meilisearch) return undefined;
	const sink = createMeilisearchIndex(db, {
		...env.meilisearch,
		searchTimeoutMs: env.searchTimeoutMs,
	});
	const worker = createOutboxWorker({
		db,
		sink,
		clock: systemClock,
		pollMs: env.searchOutboxPollMs,
	});
	worker.start();
	return worker;
}

function rejectAfter(ms: number): { promise: Promise<never>; cancel: () => void } {
	let timer: NodeJS.Timeout | undefined;
	const promise = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`search engine took longer than ${ms} ms`)), ms);
	});
	return { promise, cancel: () => clearTimeout(timer) };
}

let lastFailureLog = 0;

/**
 * Asks the primary engine, and answers from FTS5 when it fails or is slower than the timeout: a
 * citizen gets results either way, and the response names the engine that answered. Failures are
 * logged at most once a minute so an outage does not flood the log.
 */
export async function searchWithFallback(
	{ primary, fallback, timeoutMs }: SearchEngines,
	request: SearchRequest,
): Promise<SearchResult> {
	if (!primary) return fallback.search(request);
	const timeout = rejectAfter(timeoutMs);
	try {
		return await Promise.race([primary.search(request), timeout.promise]);
	} catch (error) {
		if (Date.now() - lastFailureLog > 60_000) {
			lastFailureLog = Date.now();
			console.warn(
				`search: ${primary.name} failed, answering from ${fallback.name}: ${(error as Error).message}`,
			);
		}
		return fallback.search(request);
	} finally {
		timeout.cancel();
	}
}
