import { listBigrams, segmentHan, splitRuns } from './tokens';

/** Longer queries are cut here: nobody types more, and it bounds the work a query can cause. */
export const MAX_QUERY_CHARS = 100;
const MAX_TERMS = 12;

const quote = (token: string): string => `"${token.replace(/"/g, '""')}"`;

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

/** Where a single character is looked for. */
const TEXT_COLUMNS = '{title names products}';
/** The pinyin columns, where a word typed in full may be the start of a longer spelling. */
const PINYIN_COLUMNS = '{title_pinyin names_pinyin}';

/**
 * The FTS5 terms of what a citizen typed, each quoted so FTS5 syntax in the input (`NEAR`, `*`,
 * `"`, `OR`, column filters) is only ever text. Han terms match as tokens; a word of three or
 * more characters also matches as all its bigrams (the segmenter may cut a title differently). The
 * last Latin word is a prefix (it is still being typed); earlier ones are whole words, except in the
 * pinyin columns where `he ji` still finds 何记.
 */
export function listMatchTerms(input: string): string[] {
	const runs = splitRuns(input.slice(0, MAX_QUERY_CHARS));
	const lastLatin = runs.findLastIndex((run) => !run.han);
	const terms: string[] = [];
	runs.forEach((run, index) => {
		if (!run.han) {
			const word = quote(run.text);
			// A short earlier word (`li` in `Chen Li Kee`) is a word, not the start of a pinyin spelling.
			if (index === lastLatin) terms.push(`${word}*`);
			else if (run.text.length < 3) terms.push(word);
			else terms.push(`(${word} OR ${PINYIN_COLUMNS} : ${word}*)`);
			return;
		}
		for (const term of listHanTerms(run.text)) {
			const length = [...term].length;
			// One character alone (新, 茶) is in half the descriptions; a searcher means titles,
			// names and products.
			if (length === 1) terms.push(`${TEXT_COLUMNS} : ${quote(term)}`);
			else if (length === 2) terms.push(quote(term));
			else terms.push(`(${quote(term)} OR (${listBigrams(term).map(quote).join(' AND ')}))`);
		}
	});
	return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** All the terms must match; null when nothing searchable is left. */
export function buildMatchQuery(input: string): string | null {
	const terms = listMatchTerms(input);
	return terms.length === 0 ? null : terms.join(' AND ');
}

/** Any term may match: the fallback when too few rooms match all of them. */
export function buildAnyMatchQuery(input: string): string | null {
	const terms = listMatchTerms(input);
	return terms.length < 2 ? null : terms.join(' OR ');
}

/** What to mark in the original text: whole Han runs first, then their terms, and Latin words. */
export function listHighlightTerms(input: string): string[] {
	const terms = new Set<string>();
	for (const run of splitRuns(input.slice(0, MAX_QUERY_CHARS))) {
		terms.add(run.text);
		if (run.han) for (const term of listHanTerms(run.text)) terms.add(term);
	}
	return [...terms].slice(0, MAX_TERMS);
}
