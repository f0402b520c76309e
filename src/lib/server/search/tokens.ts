import { pinyin } from 'pinyin-pro';

/**
 * How text becomes search tokens. SQLite's unicode61 tokenizer keeps a run of Han characters as one
 * token and trigram cannot match the two-character words most Chinese queries are, so Chinese is
 * tokenised here, in JavaScript, and stored space-separated: dictionary words (Intl.Segmenter has
 * the Chinese dictionary), every character bigram (so 处理 is found inside 待处理) and every single
 * character (so one-character queries work). Pinyin (full and initials) of words and word pairs lets
 * `nvzhuang` and `nz` find 女装. Latin words and numbers pass through, lower-cased.
 *
 * Tokenising is memoised per Han run and per whole field: a festival's titles, product, merchant,
 * district and category names repeat thousands of times (at 20,000 rooms ~20,000 distinct Han runs
 * among millions), so each is segmented and spelt in pinyin once, which makes a full rebuild several
 * times faster. The output is exactly what tokenising from scratch gives.
 */

const HAN = /\p{Script=Han}/u;
const RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function normalizeText(text: string): string {
	return text.normalize('NFKC').toLowerCase();
}

/** Splits text into Han runs and Latin/digit runs; everything else separates. */
export function splitRuns(text: string): { han: boolean; text: string }[] {
	return (normalizeText(text).match(RUNS) ?? []).map((run) => ({ han: HAN.test(run), text: run }));
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

const indexTextOf = memoize(50_000, (text: string): string => {
	const tokens = new Set<string>();
	for (const run of splitRuns(text)) {
		if (!run.han) tokens.add(run.text);
		else for (const token of listHanIndexTokens(run.text)) tokens.add(token);
	}
	return [...tokens].join(' ');
});

/** The text stored in an FTS5 column for a field: unique tokens, space-separated. */
export function buildIndexText(text: string | null): string {
	return text ? indexTextOf(text) : '';
}

/** Longest span, in characters, a pinyin token covers: longer than anyone types as one word. */
const PINYIN_WINDOW = 8;

/**
 * One syllable per character of a Han run, read in context so polyphones come out right
 * (行 in 银行 is hang, in 步行 xing); ü is written v, as people type it.
 */
export function listSyllables(run: string): string[] {
	return pinyin(run, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' });
}

/** One Han run's pinyin tokens (see buildPinyinText), each once, in order. */
const listHanPinyinTokens = memoize(50_000, (run: string): string[] => {
	const tokens = new Set<string>();
	const syllables = listSyllables(run);
	for (let i = 0; i < syllables.length; i++) {
		const window = syllables.slice(i, i + PINYIN_WINDOW);
		tokens.add(window.join(''));
		const initials = window.map((s) => s[0] ?? '').join('');
		if (initials.length > 1) tokens.add(initials);
	}
	return [...tokens];
});

const pinyinTextOf = memoize(50_000, (text: string): string => {
	const tokens = new Set<string>();
	for (const run of splitRuns(text)) {
		if (run.han) for (const token of listHanPinyinTokens(run.text)) tokens.add(token);
	}
	return [...tokens].join(' ');
});

/**
 * Pinyin tokens for titles and names: from every character of a Han run, the full pinyin and the
 * initials of the next few characters. A prefix query then finds any span that starts anywhere —
 * `xiangyunsha` and `xys` find 香云纱 even though the segmenter cuts it into 香|云|纱.
 */
export function buildPinyinText(text: string | null): string {
	return text ? pinyinTextOf(text) : '';
}
