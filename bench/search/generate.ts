/**
 * Grows the demo festival to benchmark sizes (20,000 and 100,000 public rooms) with the seed's own
 * growth (db/seed/growth.ts, what `npm run db:seed -- --rooms=N` runs): merchants, titles,
 * products, the evening peak and the non-public share drawn as the demo's are. Deterministic, so
 * every run searches the same rows. Rows go in inside `withSearchDeferred`, which rebuilds the
 * FTS5 index once at the end, as any bulk import would.
 */
import type { Db } from '../../src/lib/server/db';
import {
	ENQUEUE_ALL_SQL,
	REBUILD_FTS_SQL,
	withSearchDeferred,
} from '../../src/lib/server/search/sql-functions';
import { growFestival as growSeedFestival } from '../../db/seed/growth';

export interface Growth {
	addedRooms: number;
	addedMerchants: number;
	addedProducts: number;
}

export interface BulkLoadTiming<T> {
	result: T;
	totalMs: number;
	/** Planning rows in JavaScript and inserting them (with the search triggers off). */
	generateInsertMs: number;
	/** What `withSearchDeferred` runs at the end: the index rebuild and the Meilisearch outbox. */
	deferredRebuildMs: number;
}

/** Counts the rooms the public can find: the rows `room_search_source` (and so the index) holds. */
export function countPublicRooms(db: Db): number {
	return db.$client.prepare('SELECT count(*) FROM room_search_source').pluck().get() as number;
}

/**
 * Times a bulk load and splits off the statements `withSearchDeferred` runs at its end (the index
 * rebuild, queueing every room), by timing those `exec` calls; the rest is generation and inserts.
 */
export function measureBulkLoad<T>(db: Db, load: () => T): BulkLoadTiming<T> {
	const sqlite = db.$client;
	const original = sqlite.exec;
	let deferredMs = 0;
	sqlite.exec = function (this: typeof sqlite, source: string) {
		if (source !== REBUILD_FTS_SQL && source !== ENQUEUE_ALL_SQL)
			return original.call(this, source);
		const t0 = performance.now();
		try {
			return original.call(this, source);
		} finally {
			deferredMs += performance.now() - t0;
		}
	} as typeof sqlite.exec;
	const started = performance.now();
	try {
		const result = load();
		const totalMs = performance.now() - started;
		return {
			result,
			totalMs: Math.round(totalMs),
			generateInsertMs: Math.round(totalMs - deferredMs),
			deferredRebuildMs: Math.round(deferredMs),
		};
	} finally {
		sqlite.exec = original;
	}
}

/**
 * Adds merchants and rooms until the festival has `targetRooms` public rooms (about 1 merchant per
 * 6.5 rooms, and the demo's share of rooms that are not public on top). `seed` picks the draw, so
 * growing the same database twice with different seeds adds different rows.
 */
export function growFestival(db: Db, targetRooms: number, seed: number): Growth {
	const grown = withSearchDeferred(db.$client, () =>
		growSeedFestival(db.$client, { rooms: targetRooms, seed }),
	);
	return {
		addedRooms: grown.publicRooms,
		addedMerchants: grown.merchants,
		addedProducts: grown.products,
	};
}
