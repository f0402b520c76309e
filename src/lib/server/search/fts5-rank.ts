import type Database from 'better-sqlite3';
import { listMatchTerms } from './match-query';

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

interface Statements {
	ids: Database.Statement;
	count: Database.Statement;
}
const statements = new WeakMap<Database.Database, Statements>();

function prepare(sqlite: Database.Database): Statements {
	let s = statements.get(sqlite);
	if (!s) {
		s = {
			ids: sqlite.prepare('SELECT rowid FROM room_fts WHERE room_fts MATCH ?').pluck(),
			count: sqlite.prepare('SELECT count(*) FROM room_fts WHERE room_fts MATCH ?').pluck(),
		};
		statements.set(sqlite, s);
	}
	return s;
}

/**
 * Scores the rooms that match every term of the query: one scan for the whole query, a count per
 * term (its rarity, idf), and per term and column group one scan of the term's postings there.
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
	const { ids: idsOf, count } = prepare(sqlite);
	const whole = terms.join(' AND ');
	const score = new Float64Array(size);
	const full = new Uint8Array(size);
	const matched = (idsOf.all(whole) as number[]).filter((id) => id < size);
	const idf = terms.map((term) => {
		const df = terms.length === 1 ? matched.length : (count.get(term) as number);
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
			for (const id of idsOf.all(`${group.columns} : (${term})`) as number[]) {
				if (id < size && full[id]) score[id]! += bonus;
			}
		}
	});
	const ids = matched;
	if (partial && terms.length > 1) {
		// Rarely needed (fewer full matches than a page), so the per-term scans can be unrestricted.
		terms.forEach((term, t) => {
			for (const id of idsOf.all(term) as number[]) {
				if (id >= size || full[id]) continue;
				if (score[id] === 0) ids.push(id);
				score[id]! += idf[t]!;
			}
			for (const group of GROUPS) {
				const bonus = idf[t]! * group.weight;
				for (const id of idsOf.all(`${group.columns} : (${term})`) as number[]) {
					if (id < size && !full[id] && score[id]! > 0) score[id]! += bonus;
				}
			}
		});
	}
	return { ids: Int32Array.from(ids), score, full, termCount: terms.length };
}
