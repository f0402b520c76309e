import { listAccentVariants, listSyllables } from './pinyin';
import { listBigrams, segmentHan, splitRuns } from './tokens';

/** Longer queries are cut here: nobody types more, and it bounds the work a query can cause. */
export const MAX_QUERY_CHARS = 100;
const MAX_TERMS = 12;

/** The embedded index's two tables (index-schema.ts): Han tokens, and Latin words with pinyin. */
export type IndexName = 'han' | 'latin';
export const INDEX_TABLE_OF: Record<IndexName, string> = {
	han: 'room_fts_han',
	latin: 'room_fts_latin',
};

/** One way a term can match: an FTS5 expression on one of the index tables. */
export interface Alternative {
	index: IndexName;
	expr: string;
}

/**
 * One term of a query and the ways it matches: as typed (`exact`), and as a southern accent may
 * have spelt it (`accent`: z/zh, n/l, an/ang …), which ranks lower and is searched only when what
 * was typed finds little.
 */
export interface QueryTerm {
	exact: Alternative[];
	accent: Alternative[];
	/**
	 * For a pinyin word: rooms with a whole word spelt so (in full or by initials), which rank above
	 * those where it is only a span across words; as typed, and with the accent-merged spellings.
	 */
	word: Alternative[];
	accentWord: Alternative[];
	/**
	 * Which word the citizen typed this term is part of (a Han run cut into words is one): a room
	 * matching some of the query's words may fill a short list, never one matching part of a word.
	 */
	unit: number;
}

const quote = (token: string): string => `"${token.replace(/"/g, '""')}"`;

/** The pinyin columns: a typed word may be the start of a longer spelling there. */
const PINYIN_COLUMNS = '{title_pinyin names_pinyin products_pinyin}';
/** Pinyin of whole words, in the Han index (exact tokens only). */
const WORD_COLUMN = '{words}';
/** Where a single Han character is looked for. */
const CHARACTER_COLUMNS = '{title names products}';

/**
 * The Han terms of one run of a query: its dictionary words, except that a one-character word
 * inside a longer run becomes the bigram it forms with its neighbour (the segmenter splits 老字号
 * into 老|字号, and 老 alone would match 老婆饼). A run of one character stays a unigram.
 */
export function listHanTerms(run: string): string[] {
	const chars = [...run];
	if (chars.length <= 1) return chars;
	const terms: string[] = [];
	let at = 0;
	for (const word of segmentHan(run)) {
		const length = [...word].length;
		if (length >= 2) terms.push(word);
		else
			terms.push(at + 1 < chars.length ? chars[at]! + chars[at + 1]! : chars[at - 1]! + chars[at]!);
		at += length;
	}
	return [...new Set(terms)];
}

/** A Han term on the Han index: a word of three or more characters also matches as its bigrams. */
function matchHanTerm(term: string): Alternative {
	const length = [...term].length;
	// One character alone (新, 茶) is in half the descriptions; a searcher means titles, names, products.
	if (length === 1) return { index: 'han', expr: `${CHARACTER_COLUMNS} : ${quote(term)}` };
	if (length === 2) return { index: 'han', expr: quote(term) };
	return {
		index: 'han',
		expr: `(${quote(term)} OR (${listBigrams(term).map(quote).join(' AND ')}))`,
	};
}

/**
 * A Latin word on the Latin index. The last word is a prefix (it is still being typed), unless it
 * is one letter; earlier ones are whole words, except in the pinyin columns where `he ji` still
 * finds 何记 (and a short word like `li` in `Chen Li Kee` stays a word).
 */
function matchLatinWord(word: string, last: boolean, unit: number): QueryTerm {
	let expr: string;
	if (last) expr = word.length > 1 ? `${quote(word)}*` : quote(word);
	else if (word.length < 3) expr = quote(word);
	else expr = `(${quote(word)} OR ${PINYIN_COLUMNS} : ${quote(word)}*)`;
	const variants = word.length > 1 ? listAccentVariants(word) : [];
	const words = (spellings: string[]): Alternative[] =>
		spellings.length === 0
			? []
			: [{ index: 'han', expr: `${WORD_COLUMN} : (${spellings.map(quote).join(' OR ')})` }];
	return {
		unit,
		exact: [{ index: 'latin', expr }],
		accent:
			variants.length === 0
				? []
				: [
						{
							index: 'latin',
							expr: `${PINYIN_COLUMNS} : (${variants.map((v) => `${quote(v)}*`).join(' OR ')})`,
						},
					],
		word: word.length > 1 ? words([word]) : [],
		accentWord: words(variants),
	};
}

/**
 * The terms of what a citizen typed, every token quoted so FTS5 syntax in the input (`NEAR`, `*`,
 * `"`, `OR`, column filters) is only ever text. All terms must match.
 */
export function planQuery(input: string): QueryTerm[] {
	const runs = splitRuns(input.slice(0, MAX_QUERY_CHARS));
	const lastLatin = runs.findLastIndex((run) => !run.han);
	const terms = new Map<string, QueryTerm>();
	runs.forEach((run, index) => {
		if (!run.han) {
			const term = matchLatinWord(run.text, index === lastLatin, index);
			if (!terms.has(term.exact[0]!.expr)) terms.set(term.exact[0]!.expr, term);
			return;
		}
		for (const word of listHanTerms(run.text)) {
			const alternative = matchHanTerm(word);
			if (!terms.has(alternative.expr)) {
				terms.set(alternative.expr, {
					exact: [alternative],
					accent: [],
					word: [],
					accentWord: [],
					unit: index,
				});
			}
		}
	});
	return [...terms.values()].slice(0, MAX_TERMS);
}

/**
 * The same query heard rather than read, for a Chinese query that finds nothing as written
 * (a homophone typo: 旗泡 for 旗袍): each Han run of two or more characters becomes its pinyin,
 * matched in the pinyin columns; Latin words stay. Null when the query has no such run.
 */
export function planSoundQuery(input: string): { terms: QueryTerm[]; spelt: string[] } | null {
	const runs = splitRuns(input.slice(0, MAX_QUERY_CHARS));
	if (!runs.some((run) => run.han && [...run.text].length >= 2)) return null;
	const lastLatin = runs.findLastIndex((run) => !run.han);
	const terms: QueryTerm[] = [];
	const spelt: string[] = [];
	runs.forEach((run, index) => {
		if (!run.han) {
			terms.push(matchLatinWord(run.text, index === lastLatin, index));
			return;
		}
		const spelling = listSyllables(run.text).join('');
		if (!spelling) return;
		spelt.push(spelling);
		terms.push({
			exact: [{ index: 'latin', expr: `${PINYIN_COLUMNS} : ${quote(spelling)}*` }],
			accent: [],
			word: [{ index: 'han', expr: `${WORD_COLUMN} : ${quote(spelling)}` }],
			accentWord: [],
			unit: index,
		});
	});
	return { terms: terms.slice(0, MAX_TERMS), spelt };
}

/** What to mark in the original text: whole Han runs first, then their terms, and Latin words. */
export function listHighlightTerms(input: string): string[] {
	const terms = new Set<string>();
	for (const run of splitRuns(input.slice(0, MAX_QUERY_CHARS))) {
		terms.add(run.text);
		if (run.han) for (const term of listHanTerms(run.text)) terms.add(term);
		else for (const variant of listAccentVariants(run.text).slice(0, 4)) terms.add(variant);
	}
	return [...terms].slice(0, MAX_TERMS);
}
