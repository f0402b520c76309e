import type Database from 'better-sqlite3';
import { buildIndexText, buildPinyinText } from './tokens';

/** One room's row of room_fts: rowid, then title, names, products, description and both pinyins. */
export type IndexRow = [number, string, string, string, string, string, string];

/** A range of room ids tokenised from one snapshot, with the change-log seq of that snapshot. */
export interface TokenisedChunk {
	lo: number;
	hi: number;
	/** The newest `search_change` seq the snapshot had seen: rooms logged after it are newer. */
	seq: number;
	rows: IndexRow[];
}

const statements = new WeakMap<
	Database.Database,
	{ seq: Database.Statement; rows: Database.Statement }
>();

/**
 * Reads the public rooms with ids in [lo, hi] from `room_search_source` and tokenises them as the
 * triggers would (the same `buildIndexText` / `buildPinyinText` the SQL functions call), in one
 * read transaction so `seq` says exactly which writes the rows include. Runs on any connection: the
 * rebuild's worker threads each call it on their own read-only one.
 */
export function tokeniseRange(sqlite: Database.Database, lo: number, hi: number): TokenisedChunk {
	let s = statements.get(sqlite);
	if (!s) {
		s = {
			seq: sqlite.prepare('SELECT coalesce(max(seq), 0) FROM search_change').pluck(),
			rows: sqlite
				.prepare(
					`SELECT id, title_text, names_text, products_text, description_text, title_pinyin_text,
						names_pinyin_text FROM room_search_source WHERE id BETWEEN ? AND ? ORDER BY id`,
				)
				.raw(),
		};
		statements.set(sqlite, s);
	}
	const { seq, rows } = s;
	const read = sqlite.transaction(() => ({
		seq: seq.get() as number,
		source: rows.all(lo, hi) as [number, string, string, string, string, string, string][],
	}));
	const { seq: at, source } = read();
	return {
		lo,
		hi,
		seq: at,
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
