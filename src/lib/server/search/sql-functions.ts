import type Database from 'better-sqlite3';
import { buildIndexText, buildPinyinText } from './tokens';

/** Per-connection switch: the search triggers run only while this is true. */
const deferredConnections = new WeakSet<Database.Database>();

/**
 * Registers the SQL functions the search triggers call (db/migrations/0002_room_search.sql):
 * tokenising is JavaScript, so every connection that writes rooms must have them, which is why
 * `openDatabase` is the only way the portal opens its database.
 */
export function registerSearchFunctions(sqlite: Database.Database): void {
	sqlite.function('lf_index', { deterministic: true }, (text) =>
		buildIndexText(text as string | null),
	);
	sqlite.function('lf_pinyin', { deterministic: true }, (text) =>
		buildPinyinText(text as string | null),
	);
	sqlite.function('lf_search_live', () => (deferredConnections.has(sqlite) ? 0 : 1));
}

const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

/** The columns of an index row, in the order of room_fts and of `IndexRow` (rebuild-source.ts). */
export const INDEX_COLUMNS =
	'rowid, title, names, products, description, title_pinyin, names_pinyin';

/**
 * An INSERT of the index rows of the public rooms `where` selects (a condition on
 * `room_search_source`, or none for all) into `table`: the triggers' statement
 * (db/migrations/0002_room_search.sql), for the places that index rooms outside a trigger.
 */
export function buildIndexInsertSql(table: string, where = ''): string {
	return `INSERT INTO ${table}(${INDEX_COLUMNS})
	SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text),
		lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
	FROM room_search_source${where ? ` WHERE ${where}` : ''}`;
}

/** Recomputes the whole embedded index from `room_search_source` (the public rooms). */
export const REBUILD_FTS_SQL = `DELETE FROM room_fts;
${buildIndexInsertSql('room_fts')};`;

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
