/**
 * Where a slow search spends its time, stage by stage as `searchFts5` runs them (fts5.ts):
 *   plan      the query's terms (tokenising, accent-merged spellings);
 *   rank      the posting lists (from memory once read: postings.ts) intersected and scored,
 *             with the column groups that give each room its tier (fts5-rank.ts);
 *   filter    one pass over the candidates: filters, facets, phase and the best page
 *             (fts5-filter.ts);
 *   total     searchFts5 itself, which may run rank + filter more than once (accent-merged
 *             spellings, the query as heard, partial matches) when the first pass finds little.
 * Each figure is the median of a few runs, after the posting lists are in memory.
 */
import type { Db } from '../../src/lib/server/db';
import { searchFts5 } from '../../src/lib/server/search/fts5';
import { filterAndCount } from '../../src/lib/server/search/fts5-filter';
import { rankMatches } from '../../src/lib/server/search/fts5-rank';
import { planQuery } from '../../src/lib/server/search/match-query';
import { getRoomAttributes } from '../../src/lib/server/search/room-attributes';
import type { SearchRequest } from '../../src/lib/server/search/types';
import { roundMs, takeMedian } from './stats';

export interface QueryProfile {
	q: string;
	/** Rooms matching every term as typed, in any festival; and the page's total after filters. */
	matches: number;
	total: number;
	planMs: number;
	rankMs: number;
	filterMs: number;
	totalMs: number;
}

/** Median wall time of `runs` calls of `work`. */
function timeMedian(runs: number, work: () => unknown): number {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		work();
		samples.push(performance.now() - t0);
	}
	return roundMs(takeMedian(samples));
}

/** Splits one query's search time into its stages (see the module comment). */
export function profileQuery(db: Db, request: SearchRequest, runs = 5): QueryProfile {
	const attrs = getRoomAttributes(db);
	const size = attrs.festivalId.length;
	const total = searchFts5(db, request).total;
	const terms = planQuery(request.q);
	const rank = () =>
		rankMatches(db.$client, terms, size, attrs.count, { accent: false, partial: false });
	const ranked = rank();
	return {
		q: request.q,
		matches: ranked.ids.length,
		total,
		planMs: timeMedian(runs, () => planQuery(request.q)),
		rankMs: timeMedian(runs, rank),
		filterMs: timeMedian(runs, () => filterAndCount(attrs, request, ranked.ids, ranked)),
		totalMs: timeMedian(runs, () => searchFts5(db, request)),
	};
}
