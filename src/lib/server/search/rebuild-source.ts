import type Database from 'better-sqlite3';
import { SOURCE_FIELDS, tokeniseSourceRow, type IndexRow } from './index-schema';

/** A range of room ids, tokenised. */
export interface TokenisedChunk {
	lo: number;
	hi: number;
	rows: IndexRow[];
}

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * Reads the public rooms with ids in [lo, hi] from `room_search_source` and tokenises them as the
 * triggers would (index-schema.ts: the same functions the SQL functions call). Runs on
 * any connection: the rebuild's worker threads each call it on their own read-only one.
 */
export function tokeniseRange(sqlite: Database.Database, lo: number, hi: number): TokenisedChunk {
	let rows = statements.get(sqlite);
	if (!rows) {
		rows = sqlite
			.prepare(
				`SELECT id, ${SOURCE_FIELDS.join(', ')} FROM room_search_source
					WHERE id BETWEEN ? AND ? ORDER BY id`,
			)
			.raw();
		statements.set(sqlite, rows);
	}
	const source = rows.all(lo, hi) as [number, ...(string | null)[]][];
	return { lo, hi, rows: source.map(([id, ...fields]) => tokeniseSourceRow(id, fields)) };
}
