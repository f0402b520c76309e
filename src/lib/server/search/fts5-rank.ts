import type Database from 'better-sqlite3';
import type { Alternative, IndexName, QueryTerm } from './match-query';
import { createPostingReader, type PostingReader } from './postings';

/**
 * Column groups that say how well a room matches a term: a term in the title (or its pinyin)
 * outweighs one in a merchant, anchor or host name, which outweighs one in a product name; the
 * description only makes a room match at all. Every token is stored once per column, so bm25
 * reduces to this — which columns hold each term, weighted by the term's rarity — apart from field
 * length; computing it from posting lists costs a fraction of scoring every hit with bm25().
 */
const GROUPS = [
	{ columns: { han: '{title}', latin: '{title title_pinyin}' }, weight: 8 },
	{ columns: { han: '{names}', latin: '{names names_pinyin}' }, weight: 4 },
	{ columns: { han: '{products}', latin: '{products products_pinyin}' }, weight: 2 },
] as const satisfies readonly { columns: Record<IndexName, string>; weight: number }[];

/** What a term matched only through an accent-merged spelling is worth, against as typed. */
const ACCENT_WEIGHT = 0.4;
/**
 * Every word of a query of several in one field (同德凉茶 in a merchant's name, not 同德 in one
 * room's title and 凉茶 in its description): the words belong together, as in a phrase.
 */
const TOGETHER_WEIGHT = 8;
/** A pinyin word that spells a whole word of the room (in full or by initials), not a span. */
const WORD_WEIGHT = 8;
/** A word in more than this share of the public rooms may be missing from a partial match. */
const COMMON_SHARE = 0.05;

export interface RankedMatches {
	/** Rooms matching every term, then (when `partial`) rooms matching only some. */
	ids: Int32Array;
	/** Per room id: the relevance score (meaningful for ids in `ids`). */
	score: Float64Array;
	/** Per room id: 1 when it matches every term. */
	full: Uint8Array;
	/** Per room id: 1 when it matches every term as typed (not only through a merged spelling). */
	exact: Uint8Array;
	/** Per room id: 1 when each term is in its title, a name or a product, not only its description. */
	named: Uint8Array;
	/** The highest score of a room matching every term (as typed, if any does). */
	best: number;
	/** How many terms the query has (with one, there are no partial matches to add). */
	termCount: number;
}

export interface RankOptions {
	/** Also match terms through their accent-merged spellings. */
	accent: boolean;
	/** Also return rooms that match only some of the terms. */
	partial: boolean;
}

/**
 * Which rooms matching only some terms may fill a short list, as a test of the terms they match
 * (bits): they must match whole words the citizen typed, never part of one (a name cut into
 * bigrams), and may miss only words so common they say little (广州 in a Guangzhou festival) or,
 * in a query of three words or more, one word. Null when no room may.
 */
function planPartial(
	terms: QueryTerm[],
	matching: { any: Int32Array }[],
	publicCount: number,
): ((has: number) => boolean) | null {
	const units = [...new Set(terms.map((t) => t.unit))].map((unit) =>
		terms.reduce((bits, term, t) => (term.unit === unit ? bits | (1 << t) : bits), 0),
	);
	if (units.length < 2) return null;
	const common = units.map(
		(bits) =>
			intersect(matching.filter((_, t) => (bits & (1 << t)) !== 0).map((m) => m.any)).length >
			COMMON_SHARE * publicCount,
	);
	return (has) => {
		let missing = 0;
		let rareMissing = 0;
		units.forEach((bits, u) => {
			if ((has & bits) === bits) return;
			missing++;
			if (!common[u]) rareMissing++;
		});
		if (missing === units.length) return false;
		return rareMissing === 0 || (units.length >= 3 && missing === 1);
	};
}

/** Ascending ids in any of the sorted lists (merged pairwise). */
function unite(lists: Int32Array[]): Int32Array {
	let out = lists[0] ?? new Int32Array(0);
	for (const list of lists.slice(1)) {
		if (list.length === 0) continue;
		if (out.length === 0) {
			out = list;
			continue;
		}
		const next = new Int32Array(out.length + list.length);
		let n = 0;
		let i = 0;
		let j = 0;
		while (i < out.length && j < list.length) {
			const a = out[i]!;
			const b = list[j]!;
			next[n++] = a <= b ? a : b;
			if (a <= b) i++;
			if (b <= a) j++;
		}
		while (i < out.length) next[n++] = out[i++]!;
		while (j < list.length) next[n++] = list[j++]!;
		out = next.subarray(0, n);
	}
	return out;
}

/** Ascending ids in every sorted list. */
function intersect(lists: Int32Array[]): Int32Array {
	const sorted = [...lists].sort((a, b) => a.length - b.length);
	let out = sorted[0] ?? new Int32Array(0);
	for (const list of sorted.slice(1)) {
		const next = new Int32Array(out.length);
		let n = 0;
		let j = 0;
		for (const id of out) {
			while (j < list.length && list[j]! < id) j++;
			if (j < list.length && list[j] === id) next[n++] = id;
		}
		out = next.subarray(0, n);
	}
	return out;
}

function listAlternatives(
	postings: PostingReader,
	alternatives: Alternative[],
	group?: (typeof GROUPS)[number],
): Int32Array {
	if (alternatives.length === 0) return new Int32Array(0);
	return unite(
		alternatives.map((a) =>
			postings.list(a.index, group ? `${group.columns[a.index]} : (${a.expr})` : a.expr),
		),
	);
}

/**
 * Per-room working arrays, reused by every search of a process (a search at 270,000 rooms would
 * otherwise allocate and zero 6 MB per pass, and leave it to the garbage collector): a ranking is
 * valid until the next call, which is how searches use it (one at a time, synchronously).
 */
class Scratch {
	size = 0;
	score = new Float64Array(0);
	full = new Uint8Array(0);
	exact = new Uint8Array(0);
	named = new Uint8Array(0);
	exactMask = new Uint16Array(0);
	wordMask = new Uint16Array(0);
	title = new Uint16Array(0);
	names = new Uint16Array(0);
	products = new Uint16Array(0);

	/** Arrays of at least `size`, all zero. */
	take(size: number): this {
		if (size > this.size) {
			this.size = size;
			this.score = new Float64Array(size);
			this.full = new Uint8Array(size);
			this.exact = new Uint8Array(size);
			this.named = new Uint8Array(size);
			this.exactMask = new Uint16Array(size);
			this.wordMask = new Uint16Array(size);
			this.title = new Uint16Array(size);
			this.names = new Uint16Array(size);
			this.products = new Uint16Array(size);
			return this;
		}
		for (const array of [this.score, this.full, this.exact, this.named, this.exactMask]) {
			array.fill(0);
		}
		for (const array of [this.wordMask, this.title, this.names, this.products]) array.fill(0);
		return this;
	}
}

const scratch = new Scratch();

/**
 * Scores the rooms that match every term of the query from posting lists (postings.ts keeps them
 * in memory): of each term (its rarity, idf, and whether it matched as typed) and of each term per
 * column group. With `partial`, rooms that match only some terms are added after them, scored by
 * the rarity of what they match. The arrays returned are reused by the next call.
 */
export function rankMatches(
	sqlite: Database.Database,
	terms: QueryTerm[],
	size: number,
	publicCount: number,
	options: RankOptions,
): RankedMatches {
	const postings = createPostingReader(sqlite);
	const { score, full, exact, named, exactMask, wordMask } = scratch.take(size);
	const groupMasks = [scratch.title, scratch.names, scratch.products];
	const all = (1 << terms.length) - 1;
	const matching = terms.map((term) => {
		const exact = listAlternatives(postings, term.exact);
		const any =
			options.accent && term.accent.length > 0
				? unite([exact, listAlternatives(postings, term.accent)])
				: exact;
		return { exact, any };
	});
	// Ids are ascending: rooms newer than the attribute arrays are cut off the end.
	const inRange = (list: Int32Array): Int32Array => {
		let end = list.length;
		while (end > 0 && list[end - 1]! >= size) end--;
		return list.subarray(0, end);
	};
	const matched = inRange(intersect(matching.map((m) => m.any)));
	const idf = matching.map(({ any }) =>
		Math.log(1 + (publicCount + 1) / ((terms.length === 1 ? matched.length : any.length) + 1)),
	);
	terms.forEach((term, t) => {
		const bit = 1 << t;
		for (const id of inRange(matching[t]!.exact)) exactMask[id]! |= bit;
		const alternatives =
			options.accent && term.accent.length > 0 ? [...term.exact, ...term.accent] : term.exact;
		GROUPS.forEach((group, g) => {
			const mask = groupMasks[g]!;
			for (const id of inRange(listAlternatives(postings, alternatives, group))) mask[id]! |= bit;
		});
		const words = options.accent ? [...term.word, ...term.accentWord] : term.word;
		for (const id of inRange(listAlternatives(postings, words))) wordMask[id]! |= bit;
	});
	// Per term: what it adds as typed or merged, and in each column group (title, names, products).
	const merged = idf.map((w) => w * ACCENT_WEIGHT);
	const [inTitle, inNames, inProducts] = GROUPS.map((group) => idf.map((w) => w * group.weight));
	const asWord = idf.map((w) => w * WORD_WEIGHT);
	const together = terms.length > 1 ? idf.reduce((a, b) => a + b, 0) * TOGETHER_WEIGHT : 0;
	const [titleMask, namesMask, productsMask] = groupMasks as [
		Uint16Array,
		Uint16Array,
		Uint16Array,
	];
	let best = 0;
	let bestMerged = 0;
	for (let i = 0; i < matched.length; i++) {
		const id = matched[i]!;
		full[id] = 1;
		const asTyped = exactMask[id]!;
		const a = titleMask[id]!;
		const b = namesMask[id]!;
		const c = productsMask[id]!;
		const w = wordMask[id]!;
		let s = 0;
		for (let t = 0; t < terms.length; t++) {
			const bit = 1 << t;
			s += (asTyped & bit) !== 0 ? idf[t]! : merged[t]!;
			if ((w & bit) !== 0) s += asWord[t]!;
			if ((a & bit) !== 0) s += inTitle![t]!;
			if ((b & bit) !== 0) s += inNames![t]!;
			if ((c & bit) !== 0) s += inProducts![t]!;
		}
		if (together !== 0 && (a === all || b === all || c === all)) s += together;
		if ((a | b | c) === all) named[id] = 1;
		score[id] = s;
		if (asTyped === all) {
			exact[id] = 1;
			if (s > best) best = s;
		} else if (s > bestMerged) bestMerged = s;
	}
	best ||= bestMerged;
	const termCount = terms.length;
	const partialMask = options.partial ? planPartial(terms, matching, publicCount) : null;
	if (!partialMask) return { ids: matched, score, full, exact, named, best, termCount };
	const has = new Uint16Array(size);
	matching.forEach(({ any }, t) => {
		for (const id of inRange(any)) has[id]! |= 1 << t;
	});
	// Rarely needed (fewer full matches than a page), so the per-term scans can be unrestricted.
	const ids = Array.from(matched);
	matching.forEach(({ any }, t) => {
		for (const id of inRange(any)) {
			if (full[id] || !partialMask(has[id]!)) continue;
			if (score[id] === 0) ids.push(id);
			score[id]! += idf[t]!;
			GROUPS.forEach((group, g) => {
				if ((groupMasks[g]![id]! & (1 << t)) !== 0) score[id]! += idf[t]! * group.weight;
			});
		}
	});
	return { ids: Int32Array.from(ids), score, full, exact, named, best, termCount };
}
