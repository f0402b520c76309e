import type Database from 'better-sqlite3';
import { listMatchTerms } from './match-query';
import { createPostingReader } from './postings';

/**
 * Column groups that say how well a room matches a term: a term in the title (or its pinyin)
 * outweighs one in a merchant, anchor or host name, which outweighs one in a product name; the
 * description only makes a room match at all. Every token is stored once per column, so FTS5's
 * bm25 reduces to this — which columns hold each term, weighted by the term's rarity — apart from
 * field length; computing it from posting lists costs a fraction of scoring every hit with bm25().
 */
const GROUPS = [
	{ columns: '{title title_pinyin}', weight: 8 },
	{ columns: '{names names_pinyin}', weight: 4 },
	{ columns: '{products}', weight: 2 },
] as const;

export interface RankedMatches {
	/** Rooms matching every term, then (when `partial`) rooms matching only some. */
	ids: Int32Array;
	/** Per room id: the relevance score (meaningful for ids in `ids`). */
	score: Float64Array;
	/** Per room id: 1 when it matches every term. */
	full: Uint8Array;
	/** How many terms the query has (with one, there are no partial matches to add). */
	termCount: number;
}

/**
 * Scores the rooms that match every term of the query: the posting list of the whole query, of each
 * term (its rarity, idf), and of each term per column group (postings.ts keeps them in memory).
 * With `partial`, rooms that match only some terms are added after them, scored by the rarity of
 * what they match. Null when nothing in the query is searchable.
 */
export function rankMatches(
	sqlite: Database.Database,
	query: string,
	size: number,
	publicCount: number,
	partial = false,
): RankedMatches | null {
	const terms = listMatchTerms(query);
	if (terms.length === 0) return null;
	const postings = createPostingReader(sqlite);
	const whole = terms.join(' AND ');
	const score = new Float64Array(size);
	const full = new Uint8Array(size);
	const all = postings.list(whole);
	// Ids are ascending: rooms newer than the attribute arrays are cut off the end.
	let end = all.length;
	while (end > 0 && all[end - 1]! >= size) end--;
	const matched = all.subarray(0, end);
	const idf = terms.map((term) => {
		const df = terms.length === 1 ? matched.length : postings.list(term).length;
		return Math.log(1 + (publicCount + 1) / (df + 1));
	});
	const idfSum = idf.reduce((a, b) => a + b, 0);
	for (const id of matched) {
		full[id] = 1;
		score[id] = idfSum;
	}
	// Per term and group one scan of that term's postings in those columns (cheap: it is bounded by
	// how often the term is there, not by intersecting the whole query again); only rooms that match
	// every term take the bonus here.
	terms.forEach((term, t) => {
		for (const group of GROUPS) {
			const bonus = idf[t]! * group.weight;
			for (const id of postings.list(`${group.columns} : (${term})`)) {
				if (id < size && full[id]) score[id]! += bonus;
			}
		}
	});
	if (!partial || terms.length < 2) {
		return { ids: matched, score, full, termCount: terms.length };
	}
	// Rarely needed (fewer full matches than a page), so the per-term scans can be unrestricted.
	const ids = Array.from(matched);
	terms.forEach((term, t) => {
		for (const id of postings.list(term)) {
			if (id >= size || full[id]) continue;
			if (score[id] === 0) ids.push(id);
			score[id]! += idf[t]!;
		}
		for (const group of GROUPS) {
			const bonus = idf[t]! * group.weight;
			for (const id of postings.list(`${group.columns} : (${term})`)) {
				if (id < size && !full[id] && score[id]! > 0) score[id]! += bonus;
			}
		}
	});
	return { ids: Int32Array.from(ids), score, full, termCount: terms.length };
}
