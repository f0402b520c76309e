import type Database from 'better-sqlite3';

/** The non-unique indexes a large load of these tables builds afterwards instead of keeping. */
const DEFERRED_TABLES = ['room', 'room_product'];

/**
 * Runs a bulk insert with the secondary indexes of room and room_product dropped, then creates
 * them again from the statements that made them: SQLite builds an index from the sorted rows
 * several times faster than it keeps a dozen up to date under 300,000 inserts in random key order.
 * Unique indexes stay, so they still check every row. Runs inside the caller's transaction
 * (DDL included): a failure leaves the indexes as they were.
 */
export function withIndexesDeferred<T>(sqlite: Database.Database, work: () => T): T {
	if (!sqlite.inTransaction) throw new Error('withIndexesDeferred: run inside a transaction');
	const indexes = (
		sqlite
			.prepare(
				`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
				AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`,
			)
			.all(JSON.stringify(DEFERRED_TABLES)) as { name: string; sql: string }[]
	).filter((index) => !/^CREATE\s+UNIQUE/i.test(index.sql));
	for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name}"`);
	const result = work();
	for (const { sql } of indexes) sqlite.exec(sql);
	return result;
}
