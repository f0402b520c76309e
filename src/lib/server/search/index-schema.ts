import {
	buildHanText,
	buildLatinText,
	buildPinyinText,
	buildPinyinWords,
	buildWordPinyinText,
} from './tokens';

/**
 * The embedded index's tables and how each column is computed from `room_search_source`, declared
 * once for everything that writes the index outside the triggers: the SQL functions, the rebuild's
 * tokenising in worker threads, the stage and the catch-up. The triggers' own statement
 * (search_reindex, db/migrations/0016_search_by_script.sql) says the same in SQL; the rebuild tests
 * check that both write the same index.
 */

/** The SQL functions that tokenise, by name (src/lib/server/search/tokens.ts). */
export const TOKENISERS = {
	lf_han: buildHanText,
	lf_latin: buildLatinText,
	lf_pinyin: buildPinyinText,
	lf_word_pinyin: buildWordPinyinText,
	lf_pinyin_words: buildPinyinWords,
} as const;
type TokeniserName = keyof typeof TOKENISERS;

/** The fields of `room_search_source` the columns are computed from, in the rebuild's row order. */
export const SOURCE_FIELDS = [
	'title_text',
	'names_text',
	'products_text',
	'description_text',
	'title_pinyin_text',
	'names_pinyin_text',
] as const;
type SourceField = (typeof SOURCE_FIELDS)[number];

export interface IndexColumn {
	name: string;
	tokeniser: TokeniserName;
	/** The fields tokenised together (joined by a space). */
	fields: SourceField[];
}

export interface IndexTable {
	name: 'room_fts_han' | 'room_fts_latin';
	columns: IndexColumn[];
}

const column = (name: string, tokeniser: TokeniserName, ...fields: SourceField[]): IndexColumn => ({
	name,
	tokeniser,
	fields,
});

/**
 * Han tokens (no prefix index) with the pinyin of whole words, full and initials (`words`: matched
 * exactly, it tells a word from a span that starts or ends inside one); then Latin words and pinyin
 * windows (prefix indexes of 2–6 letters).
 */
export const INDEX_TABLES: readonly IndexTable[] = [
	{
		name: 'room_fts_han',
		columns: [
			column('title', 'lf_han', 'title_text'),
			column('names', 'lf_han', 'names_text'),
			column('products', 'lf_han', 'products_text'),
			column('description', 'lf_han', 'description_text'),
			column('words', 'lf_pinyin_words', 'title_pinyin_text', 'names_pinyin_text', 'products_text'),
		],
	},
	{
		name: 'room_fts_latin',
		columns: [
			column('title', 'lf_latin', 'title_text'),
			column('names', 'lf_latin', 'names_text'),
			column('products', 'lf_latin', 'products_text'),
			column('description', 'lf_latin', 'description_text'),
			column('title_pinyin', 'lf_pinyin', 'title_pinyin_text'),
			column('names_pinyin', 'lf_pinyin', 'names_pinyin_text'),
			column('products_pinyin', 'lf_word_pinyin', 'products_text'),
		],
	},
];

/** A room's rows of every index table: its id, then each table's column values in order. */
export type IndexRow = [number, ...string[][]];

/**
 * An INSERT of the index rows of the public rooms `where` selects (a condition on
 * `room_search_source`, or none for all) into `table`'s columns of the table named `into`.
 */
export function buildIndexInsertSql(table: IndexTable, into: string, where = ''): string {
	const names = table.columns.map((c) => c.name).join(', ');
	const values = table.columns
		.map((c) => `${c.tokeniser}(${c.fields.join(" || ' ' || ")})`)
		.join(', ');
	return `INSERT INTO ${into}(rowid, ${names}) SELECT id, ${values} FROM room_search_source${where ? ` WHERE ${where}` : ''}`;
}

/** A room's index rows from its `room_search_source` fields (in SOURCE_FIELDS order), in JS. */
export function tokeniseSourceRow(id: number, fields: readonly (string | null)[]): IndexRow {
	const byName = new Map(SOURCE_FIELDS.map((name, i) => [name, fields[i] ?? null]));
	return [
		id,
		...INDEX_TABLES.map((table) =>
			table.columns.map((c) =>
				TOKENISERS[c.tokeniser](c.fields.map((field) => byName.get(field) ?? '').join(' ')),
			),
		),
	];
}
