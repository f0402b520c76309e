import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/lib/server/db';
import {
	ENQUEUE_ALL_SQL,
	REBUILD_FTS_SQL,
	withSearchDeferred,
	withSearchTriggersOff,
} from '../../src/lib/server/search/sql-functions';
import { rebuildSearchIndex } from '../../src/lib/server/search/rebuild';

/** A bulk load's result and where its time went. */
export interface SearchLoad<T> {
	result: T;
	/** Planning and inserting the rows, in one transaction with the search triggers off. */
	loadMs: number;
	/** Building the search index (and queueing every room for Meilisearch) once at the end. */
	indexMs: number;
}

/**
 * The one place the seed decides how the search index follows a bulk load: `work` runs in one
 * transaction with the per-row search triggers off, then the index is built once for all rows.
 * A demo-sized load rebuilds inside the same transaction (`withSearchDeferred`, its two closing
 * statements timed to tell the index from the inserts); a grown festival commits its rows, then
 * builds the index with `rebuildSearchIndex` (worker threads tokenise into a stage file that is
 * then copied in, in transactions of up to a second since nothing else uses the file meanwhile).
 * A crash during that build leaves the rows and an empty index, which `npm run search:rebuild`
 * fills.
 */
export async function loadThenIndex<T>(
	db: Db,
	work: () => T,
	options: { large?: boolean } = {},
): Promise<SearchLoad<T>> {
	const sqlite = db.$client;
	if (options.large) {
		const started = performance.now();
		const result = withSearchTriggersOff(sqlite, () => sqlite.transaction(work)());
		const loadMs = performance.now() - started;
		const indexStarted = performance.now();
		await rebuildSearchIndex(db, { maxTransactionMs: 1000 });
		return { result, loadMs, indexMs: performance.now() - indexStarted };
	}
	const exec = sqlite.exec;
	let indexMs = 0;
	sqlite.exec = function (this: typeof sqlite, source: string) {
		if (source !== REBUILD_FTS_SQL && source !== ENQUEUE_ALL_SQL) return exec.call(this, source);
		const started = performance.now();
		try {
			return exec.call(this, source);
		} finally {
			indexMs += performance.now() - started;
		}
	} as typeof sqlite.exec;
	const started = performance.now();
	try {
		const result = withSearchDeferred(sqlite, work);
		return { result, loadMs: performance.now() - started - indexMs, indexMs };
	} finally {
		sqlite.exec = exec;
	}
}
