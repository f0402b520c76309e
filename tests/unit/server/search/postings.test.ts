/**
 * Unit (real SQLite, FTS5): the posting lists kept in memory (search/postings.ts) equal a fresh
 * MATCH after every kind of change the log records — a room that starts matching, stops, changes
 * without either, is deleted or added — whether the list is patched or read afresh (a short list,
 * a prefix longer than the prefix indexes), and an unchanged list is handed back as it is.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostingReader } from '../../../../src/lib/server/search/postings';

let sqlite: Database.Database;
/** A new database (and so a new cache of lists, which is kept per connection). */
function open(): void {
	sqlite?.close();
	sqlite = new Database(':memory:');
	sqlite.exec(`CREATE VIRTUAL TABLE room_fts_han USING fts5(text);
		CREATE VIRTUAL TABLE room_fts_latin USING fts5(text, prefix = '2 3 4 5 6');
		CREATE TABLE search_change (seq INTEGER PRIMARY KEY AUTOINCREMENT, room_id INTEGER NOT NULL,
			changed_at INTEGER NOT NULL);`);
}
beforeEach(open);
afterEach(() => sqlite.close());

const WORDS = ['荔枝', '直播', '女装', '茶叶'];
const LATIN = ['wenquan', 'wenquanjiudian', 'kouhong', 'lizhi'];
/** Expressions of both kinds on the Latin table: indexed prefixes and one longer than 6. */
const LATIN_QUERIES = ['"wenquan"*', '"we"*', 'kouhong', '"lizh"*'];

/** Writes one room's text (or deletes it) in both tables and logs the change, as triggers do. */
function write(id: number, words: string[] | null): void {
	for (const [table, list] of [
		['room_fts_han', WORDS],
		['room_fts_latin', LATIN],
	] as const) {
		sqlite.prepare(`DELETE FROM ${table} WHERE rowid = ?`).run(id);
		if (words) {
			const text = words.map((w) => list[WORDS.indexOf(w)]).join(' ');
			sqlite.prepare(`INSERT INTO ${table} (rowid, text) VALUES (?, ?)`).run(id, text);
		}
	}
	sqlite.prepare('INSERT INTO search_change (room_id, changed_at) VALUES (?, 0)').run(id);
}

const fresh = (table: string, match: string) =>
	(
		sqlite
			.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`)
			.pluck()
			.all(match) as number[]
	).join(',');

describe('posting lists kept in memory', () => {
	it.each([
		['patched (every list counts as long)', 0],
		['read again (every list counts as short)', Infinity],
	])('equal a fresh match after any changes, %s', (_name, minPatchedIds) => {
		const room = fc.record({
			id: fc.integer({ min: 1, max: 400 }),
			words: fc.option(fc.subarray(WORDS), { nil: null }),
		});
		fc.assert(
			fc.property(
				fc.array(room, { minLength: 50, maxLength: 300 }),
				fc.array(fc.array(room, { maxLength: 12 }), { minLength: 1, maxLength: 8 }),
				(initial, batches) => {
					open();
					for (const r of initial) write(r.id, r.words);
					// Each search reads every word's list; writes come between searches.
					const seen: string[] = [];
					const expected: string[] = [];
					for (const batch of [[], ...batches]) {
						for (const r of batch) write(r.id, r.words);
						const reader = createPostingReader(sqlite, { minPatchedIds });
						for (const word of WORDS) {
							seen.push(Array.from(reader.list('han', word)).join(','));
							expected.push(fresh('room_fts_han', word));
						}
						for (const match of LATIN_QUERIES) {
							seen.push(Array.from(reader.list('latin', match)).join(','));
							expected.push(fresh('room_fts_latin', match));
						}
					}
					expect(seen).toEqual(expected);
				},
			),
			{ numRuns: 150 },
		);
	});

	it('hands back the same list when the rooms written since neither join nor leave it', () => {
		for (let id = 1; id <= 100; id += 1) write(id, id % 2 ? ['荔枝'] : ['茶叶']);
		const read = () => createPostingReader(sqlite, { minPatchedIds: 0 }).list('han', '荔枝');
		const before = read();
		// Room 3 keeps matching, room 4 keeps not matching.
		write(3, ['荔枝', '直播']);
		write(4, ['女装']);
		const after = read();
		write(4, ['荔枝']);
		const joined = read();
		expect([after === before, joined === after, joined.length, joined.includes(4)]).toEqual([
			true,
			false,
			51,
			true,
		]);
	});
});
