import type Database from 'better-sqlite3';
import { INDEX_TABLES, TOKENISERS } from './index-schema';
import { buildHanText, buildLatinText } from './tokens';

/** Per-connection switch: the search triggers run only while this is true. */
const deferredConnections = new WeakSet<Database.Database>();

/**
 * Registers the SQL functions the search triggers call (db/migrations/0016_search_by_script.sql):
 * tokenising is JavaScript, so every connection that writes rooms must have them, which is why
 * `openDatabase` is the only way the portal opens its database.
 */
export function registerSearchFunctions(sqlite: Database.Database): void {
	for (const [name, tokenise] of Object.entries(TOKENISERS)) {
		sqlite.function(name, { deterministic: true }, (text) => tokenise(text as string | null));
	}
	// The one-table index of migrations 0002–0015, which a new database still runs through.
	sqlite.function('lf_index', { deterministic: true }, (text) =>
		[buildHanText(text as string | null), buildLatinText(text as string | null)].join(' '),
	);
	sqlite.function('lf_search_live', () => (deferredConnections.has(sqlite) ? 0 : 1));
}

const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

/**
 * Recomputes the whole embedded index from `room_search_source` (the public rooms), through the
 * triggers' own statement (the view search_reindex).
 */
export const REBUILD_FTS_SQL = `${INDEX_TABLES.map(
	({ name }) => `INSERT INTO ${name}(${name}) VALUES ('delete-all');`,
).join('\n')}
INSERT INTO search_reindex(room_id) SELECT id FROM room_search_source;`;

/** Marks every room for the external engine's outbox. */
export const ENQUEUE_ALL_SQL = `INSERT INTO search_outbox(room_id, changed_at) SELECT id, ${NOW_MS} FROM room WHERE true
	ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;`;

/** Tells every reader of `search_change` (search's room attributes) to reload everything. */
export const MARK_ALL_CHANGED_SQL = `INSERT INTO search_change(room_id, changed_at) VALUES (0, ${NOW_MS});`;

/**
 * Runs a bulk write (a seed, a large import) with the per-row search triggers off, then rebuilds
 * the index once and queues every room for the external engine, all in one transaction. Thousands
 * of product inserts would otherwise re-tokenise their room thousands of times. For small loads
 * (the demo, tests): the rebuild is one long transaction; at festival size use
 * `withSearchTriggersOff` and then `rebuildSearchIndex` (rebuild.ts).
 */
export function withSearchDeferred<T>(sqlite: Database.Database, work: () => T): T {
	return sqlite.transaction(() => {
		deferredConnections.add(sqlite);
		try {
			const result = work();
			deferredConnections.delete(sqlite);
			sqlite.exec(REBUILD_FTS_SQL);
			sqlite.exec(ENQUEUE_ALL_SQL);
			sqlite.exec(MARK_ALL_CHANGED_SQL);
			return result;
		} finally {
			deferredConnections.delete(sqlite);
		}
	})();
}

/**
 * Runs a bulk write with the search triggers off on this connection and does not rebuild: the
 * caller awaits `rebuildSearchIndex(db)` once when every bulk write is done (until then the index
 * lacks those rows). Logs one "everything changed" row, so searches reload their room attributes.
 * `work` manages its own transactions (large loads commit in parts).
 */
export function withSearchTriggersOff<T>(sqlite: Database.Database, work: () => T): T {
	deferredConnections.add(sqlite);
	try {
		return work();
	} finally {
		deferredConnections.delete(sqlite);
		sqlite.exec(MARK_ALL_CHANGED_SQL);
	}
}
