import type Database from 'better-sqlite3';
import { buildIndexText, buildPinyinText } from './tokens';

/** One room's row of room_fts: rowid, then title, names, products, description and both pinyins. */
export type IndexRow = [number, string, string, string, string, string, string];

/** A range of room ids, tokenised. */
export interface TokenisedChunk {
	lo: number;
	hi: number;
	rows: IndexRow[];
}

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * Reads the public rooms with ids in [lo, hi] from `room_search_source` and tokenises them as the
 * triggers would (the same `buildIndexText` / `buildPinyinText` the SQL functions call). Runs on
 * any connection: the rebuild's worker threads each call it on their own read-only one.
 */
export function tokeniseRange(sqlite: Database.Database, lo: number, hi: number): TokenisedChunk {
	let rows = statements.get(sqlite);
	if (!rows) {
		rows = sqlite
			.prepare(
				`SELECT id, title_text, names_text, products_text, description_text, title_pinyin_text,
					names_pinyin_text FROM room_search_source WHERE id BETWEEN ? AND ? ORDER BY id`,
			)
			.raw();
		statements.set(sqlite, rows);
	}
	const source = rows.all(lo, hi) as [number, string, string, string, string, string, string][];
	return {
		lo,
		hi,
		rows: source.map(([id, title, names, products, description, titlePinyin, namesPinyin]) => [
			id,
			buildIndexText(title),
			buildIndexText(names),
			buildIndexText(products),
			buildIndexText(description),
			buildPinyinText(titlePinyin),
			buildPinyinText(namesPinyin),
		]),
	};
}
