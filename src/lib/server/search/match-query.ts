import { listBigrams, segmentHan, splitRuns } from './tokens';

/** Longer queries are cut here: nobody types more, and it bounds the work a query can cause. */
export const MAX_QUERY_CHARS = 100;
const MAX_TERMS = 12;

const quote = (token: string): string => `"${token.replace(/"/g, '""')}"`;

/**
 * Turns what a citizen typed into an FTS5 MATCH expression over the tokens `buildIndexText` and
 * `buildPinyinText` store, or null when nothing searchable is left. Every token is quoted, so FTS5
 * syntax in the input (`NEAR`, `*`, `"`, `OR`, column filters) is only ever text. Han words must all
 * match; a word of three or more characters also matches as its bigrams (segmentation of a query
 * and of a title can differ). Latin words and numbers match as prefixes, which covers English,
 * pinyin and pinyin initials.
 */
export function buildMatchQuery(input: string): string | null {
	const terms: string[] = [];
	for (const run of splitRuns(input.slice(0, MAX_QUERY_CHARS))) {
		if (!run.han) {
			terms.push(`${quote(run.text)}*`);
			continue;
		}
		for (const word of segmentHan(run.text)) {
			const length = [...word].length;
			if (length <= 2) terms.push(quote(word));
			else terms.push(`(${quote(word)} OR (${listBigrams(word).map(quote).join(' AND ')}))`);
		}
	}
	if (terms.length === 0) return null;
	return terms.slice(0, MAX_TERMS).join(' AND ');
}

/** The plain terms of a query, for highlighting matches in the original text. */
export function listHighlightTerms(input: string): string[] {
	const terms = new Set<string>();
	for (const run of splitRuns(input.slice(0, MAX_QUERY_CHARS))) {
		if (run.han) for (const word of segmentHan(run.text)) terms.add(word);
		else terms.add(run.text);
	}
	return [...terms].slice(0, MAX_TERMS);
}
