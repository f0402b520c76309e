import { foldHan } from './fold';
import { listSyllables } from './pinyin';

/**
 * How text becomes search tokens. SQLite's unicode61 tokenizer keeps a run of Han characters as one
 * token and trigram cannot match the two-character words most Chinese queries are, so Chinese is
 * tokenised here, in JavaScript, and stored space-separated: dictionary words (Intl.Segmenter has
 * the Chinese dictionary), every character bigram (so 处理 is found inside 待处理) and every single
 * character (so one-character queries work), all folded to Simplified (fold.ts). Those go to the
 * Han index (search_han, no prefix indexes: nobody types half a character). Latin words and
 * numbers, lower-cased, and pinyin go to the Latin index (search_latin), whose prefix indexes let
 * the word being typed match: pinyin (full and initials) of titles, names and product names lets
 * `nvzhuang` and `nz` find 女装.
 *
 * Tokenising is memoised per Han run and per whole field: a festival's titles, product, merchant,
 * district and category names repeat thousands of times, so each is segmented and spelt in pinyin
 * once, which makes a full rebuild several times faster. The output is exactly what tokenising
 * from scratch gives.
 */

const HAN = /\p{Script=Han}/u;
const RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function normalizeText(text: string): string {
	return text.normalize('NFKC').toLowerCase();
}

/** Splits text into Han runs (in Simplified) and Latin/digit runs; everything else separates. */
export function splitRuns(text: string): { han: boolean; text: string }[] {
	return (normalizeText(text).match(RUNS) ?? []).map((run) =>
		HAN.test(run) ? { han: true, text: foldHan(run) } : { han: false, text: run },
	);
}

/** Dictionary words of a Han run (Intl.Segmenter), in order. */
export function segmentHan(run: string): string[] {
	const words: string[] = [];
	for (const s of segmenter.segment(run)) if (s.isWordLike) words.push(s.segment);
	return words;
}

/** Every overlapping two-character window of a Han run. */
export function listBigrams(run: string): string[] {
	const chars = [...run];
	const out: string[] = [];
	for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
	return out;
}

/**
 * Remembers a function of a string for up to `capacity` strings, then forgets them all: a full
 * clear keeps the bookkeeping to one Map lookup and bounds the memory of a long-lived server.
 */
function memoize<T>(capacity: number, compute: (text: string) => T): (text: string) => T {
	let memo = new Map<string, T>();
	return (text) => {
		let value = memo.get(text);
		if (value === undefined) {
			value = compute(text);
			if (memo.size >= capacity) memo = new Map();
			memo.set(text, value);
		}
		return value;
	};
}

/** One Han run's index tokens: characters, bigrams, dictionary words, each once, in that order. */
const listHanIndexTokens = memoize(50_000, (run: string): string[] => {
	const tokens = new Set<string>(run);
	for (const bigram of listBigrams(run)) tokens.add(bigram);
	for (const word of segmentHan(run)) tokens.add(word);
	return [...tokens];
});

/** A field's tokens for each index: unique, space-separated. */
const indexFieldOf = memoize(50_000, (text: string): { han: string; latin: string } => {
	const han = new Set<string>();
	const latin = new Set<string>();
	for (const run of splitRuns(text)) {
		if (!run.han) latin.add(run.text);
		else for (const token of listHanIndexTokens(run.text)) han.add(token);
	}
	return { han: [...han].join(' '), latin: [...latin].join(' ') };
});

/** The Han tokens of a field, as stored in a column of search_han. */
export function buildHanText(text: string | null): string {
	return text ? indexFieldOf(text).han : '';
}

/** The Latin words and numbers of a field, as stored in a column of search_latin. */
export function buildLatinText(text: string | null): string {
	return text ? indexFieldOf(text).latin : '';
}

/** Longest span, in characters, a pinyin token covers: longer than anyone types as one word. */
const PINYIN_WINDOW = 8;

/**
 * The pinyin tokens of the characters from `starts` on: the full pinyin of the next few
 * characters, and their initials, each once.
 */
function listWindows(syllables: string[], starts: Iterable<number>): string[] {
	const tokens = new Set<string>();
	for (const i of starts) {
		const window = syllables.slice(i, i + PINYIN_WINDOW);
		tokens.add(window.join(''));
		const initials = window.map((s) => s[0] ?? '').join('');
		if (initials.length > 1) tokens.add(initials);
	}
	return [...tokens];
}

/** From every character of a Han run (titles, names: a query may start inside a word). */
const listRunPinyin = memoize(50_000, (run: string): string[] => {
	const syllables = listSyllables(run);
	return listWindows(
		syllables,
		syllables.map((_, i) => i),
	);
});

/** From the first character of each word of a Han run (product names: many, and long). */
const listWordPinyin = memoize(50_000, (run: string): string[] => {
	const syllables = listSyllables(run);
	const starts: number[] = [];
	let at = 0;
	for (const word of segmentHan(run)) {
		starts.push(at);
		at += [...word].length;
	}
	return listWindows(syllables, starts);
});

function pinyinOf(listRun: (run: string) => string[]): (text: string) => string {
	return memoize(50_000, (text: string): string => {
		const tokens = new Set<string>();
		for (const run of splitRuns(text)) {
			if (run.han) for (const token of listRun(run.text)) tokens.add(token);
		}
		return [...tokens].join(' ');
	});
}

const runPinyinTextOf = pinyinOf(listRunPinyin);
const wordPinyinTextOf = pinyinOf(listWordPinyin);

/**
 * Pinyin tokens for titles and names: from every character of a Han run, the full pinyin and the
 * initials of the next few characters. A prefix query then finds any span that starts anywhere —
 * `xiangyunsha` and `xys` find 香云纱 even though the segmenter cuts it into 香|云|纱.
 */
export function buildPinyinText(text: string | null): string {
	return text ? runPinyinTextOf(text) : '';
}

/**
 * Pinyin tokens for product names: the same, from the start of each word only (`shaoe` finds
 * 广式烧鹅), which keeps the index of a festival's million products small.
 */
export function buildWordPinyinText(text: string | null): string {
	return text ? wordPinyinTextOf(text) : '';
}

/** One Han run's words (two characters or more) spelt in full and by initials, each once. */
const listRunWords = memoize(50_000, (run: string): string[] => {
	const syllables = listSyllables(run);
	const tokens = new Set<string>();
	let at = 0;
	for (const word of segmentHan(run)) {
		const length = [...word].length;
		const spelt = syllables.slice(at, at + length);
		at += length;
		if (length < 2 || spelt.length < 2) continue;
		tokens.add(spelt.join(''));
		tokens.add(spelt.map((s) => s[0] ?? '').join(''));
	}
	return [...tokens];
});

const pinyinWordsOf = pinyinOf(listRunWords);

/**
 * The pinyin of whole dictionary words (two characters or more), full and initials: 补水面膜 gives
 * bushui, bs, mianmo, mm. Matched exactly, it says a typed `mm` or `mianmo` is a word of the room,
 * not a span across words (a window of buildPinyinText matches both).
 */
export function buildPinyinWords(text: string | null): string {
	return text ? pinyinWordsOf(text) : '';
}
