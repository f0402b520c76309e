import { foldHan } from './fold';
import { LruCache } from './lru';
import { listSyllables } from './pinyin';
import { normalizeText } from './tokens';

/** Pinyin of the same titles and names is asked for on every search that shows them. */
const syllableCache = new LruCache<string, string[]>(5000);

function getSyllables(run: string): string[] {
	let syllables = syllableCache.get(run);
	if (!syllables) {
		syllables = listSyllables(run);
		syllableCache.set(run, syllables);
	}
	return syllables;
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The text as queries are matched against it, character for character: lower case, and Han runs
 * in Simplified where folding keeps their length (珠寶 → 珠宝), so marks land on the original.
 */
function foldForMatching(text: string): string {
	return normalizeText(text).replace(/\p{Script=Han}+/gu, (run) => {
		const folded = foldHan(run);
		return folded.length === run.length ? folded : run;
	});
}

/** Character ranges of `text` that a term matches: literally, or as pinyin of a Chinese word. */
export function findRanges(text: string, terms: string[]): [number, number][] {
	const lower = foldForMatching(text);
	const ranges: [number, number][] = [];
	for (const term of terms) {
		if (!term) continue;
		// Latin terms match as word prefixes (as in the index), not inside words: `or` ≠ Guoran.
		const latin = /^[\p{L}\p{N}]/u.test(term) && !/\p{Script=Han}/u.test(term);
		for (let at = lower.indexOf(term); at !== -1; at = lower.indexOf(term, at + term.length)) {
			if (latin && at > 0 && /[\p{L}\p{N}]/u.test(lower[at - 1]!)) continue;
			ranges.push([at, at + term.length]);
		}
	}
	const pinyinTerms = terms.filter((t) => /^[a-z]+$/.test(t));
	if (pinyinTerms.length > 0) {
		for (const run of lower.matchAll(/\p{Script=Han}+/gu)) {
			const syllables = getSyllables(run[0]);
			for (let i = 0; i < syllables.length; i++) {
				for (const term of pinyinTerms) {
					const covered = countCoveredCharacters(syllables.slice(i), term);
					if (covered > 0) ranges.push([run.index + i, run.index + i + covered]);
				}
			}
		}
	}
	// Earlier first; at the same start the longer match wins (老字号 over 老).
	return ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

/**
 * How many characters, from the first of `syllables`, a pinyin term spells: as full pinyin
 * (`nvzh` covers 女装's 女 and part of 装, so 2) or as initials (`nz`, 2); 0 if it spells neither.
 */
function countCoveredCharacters(syllables: string[], term: string): number {
	const initials = syllables.map((s) => s[0] ?? '').join('');
	if (term.length > 1 && initials.startsWith(term)) return term.length;
	let spelled = '';
	for (let n = 0; n < syllables.length; n++) {
		spelled += syllables[n];
		if (spelled.startsWith(term)) return n + 1;
		if (!term.startsWith(spelled)) return 0;
	}
	return 0;
}

/**
 * The text, HTML-escaped, with the parts matching the query wrapped in `<mark>`. Pinyin queries
 * mark the Chinese words they spell (`nvzhuang` marks 女装). Only `<mark>` is ever unescaped, so
 * the result is safe to insert as HTML.
 */
export function highlightText(text: string, terms: string[]): string {
	// NFKC can change lengths (full-width forms keep theirs); fall back to no marks if it did.
	if (normalizeText(text).length !== text.length) return escapeHtml(text);
	let out = '';
	let cursor = 0;
	for (const [start, end] of findRanges(text, terms)) {
		if (end <= cursor) continue;
		const from = Math.max(start, cursor);
		out +=
			escapeHtml(text.slice(cursor, from)) +
			'<mark>' +
			escapeHtml(text.slice(from, end)) +
			'</mark>';
		cursor = end;
	}
	return out + escapeHtml(text.slice(cursor));
}

/** Whether any term matches the text (literally or as pinyin). */
export function hasMatch(text: string, terms: string[]): boolean {
	return findRanges(text, terms).length > 0;
}

/** A window of about `width` characters around the first match, highlighted; null if none. */
export function buildSnippet(text: string, terms: string[], width = 48): string | null {
	const ranges = findRanges(text, terms);
	if (ranges.length === 0) return null;
	// Centre on the longest match: the whole phrase says more than one of its characters.
	const first = ranges.reduce((best, r) => (r[1] - r[0] > best[1] - best[0] ? r : best));
	const start = Math.max(0, first[0] - Math.floor(width / 3));
	const end = Math.min(text.length, start + width);
	const piece = text.slice(start, end);
	return `${start > 0 ? '…' : ''}${highlightText(piece, terms)}${end < text.length ? '…' : ''}`;
}

/**
 * The first Chinese word of two or more characters in `texts` that the pinyin `spellings` spell
 * (`qipao` → 旗袍): what a search by sound found, to name it. Null when none does.
 */
export function findSpelledWord(texts: string[], spellings: string[]): string | null {
	for (const text of texts) {
		for (const [start, end] of findRanges(text, spellings)) {
			const word = text.slice(start, end);
			if (end - start >= 2 && /^\p{Script=Han}+$/u.test(word)) return word;
		}
	}
	return null;
}
