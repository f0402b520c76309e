/**
 * In-process latency of the embedded engine: `searchFts5` (the synchronous core the portal's FTS5
 * `SearchIndex` and `/api/search` run) on requests built by `buildSearchRequest`, exactly as a
 * page-1, 20-per-page search builds them. Only the engine call is timed; hits, highlights and JSON
 * are the HTTP part's business.
 */
import type { Db } from '../../src/lib/server/db';
import {
	findPublishedFestival,
	listReferenceData,
	type Festival,
} from '../../src/lib/server/festival/current';
import { createFts5Index, searchFts5 } from '../../src/lib/server/search/fts5';
import { buildSearchRequest, type SearchContext } from '../../src/lib/server/search/service';
import type { SearchRequest } from '../../src/lib/server/search/types';
import type { SearchQuery } from '../../src/lib/shared/search-query';
import type { BenchQuery } from './queries';
import { roundMs, summarizeLatency, takeMedian, type LatencySummary } from './stats';

/** Filters of the second pass; a district is what citizens narrow by most. */
export type PassFilters = Pick<SearchQuery, 'district' | 'day' | 'category' | 'kind' | 'phase'>;

export interface SlowQuery {
	q: string;
	kind: string;
	/** Median over the measured rounds. */
	medianMs: number;
	total: number;
}

export interface LatencyPass {
	label: string;
	filters: PassFilters;
	rounds: number;
	summary: LatencySummary;
	/** Per-kind p50/p95, to see which kind of query is slow. */
	byKind: Record<string, LatencySummary>;
	slowest: SlowQuery[];
	/** Queries that found nothing (they still count: a citizen waits for "no results" too). */
	emptyQueries: number;
}

/** The context `buildSearchRequest` reads, for the current festival and a pinned clock. */
export function createBenchContext(db: Db, now: Date): SearchContext & { festival: Festival } {
	const festival = findPublishedFestival(db);
	if (!festival) throw new Error('latency: no published festival');
	return {
		db,
		engines: { primary: undefined, fallback: createFts5Index(db), timeoutMs: 300 },
		festival,
		ref: listReferenceData(db, festival),
		locale: 'zh-cn',
		now,
	};
}

/** The request a search page would send for `q` with `filters`, page 1. */
export function buildBenchRequest(
	ctx: SearchContext,
	q: string,
	filters: PassFilters = {},
): SearchRequest {
	return buildSearchRequest(ctx, { q, page: 1, ...filters });
}

/**
 * Times every query `rounds` times after one warm-up round (statement compilation, page cache,
 * the segmenter's dictionary), in list order each round, and summarises all samples.
 */
export function measureLatency(
	ctx: SearchContext,
	queries: readonly BenchQuery[],
	options: { label: string; filters?: PassFilters; rounds: number },
): LatencyPass {
	const filters = options.filters ?? {};
	const requests = queries.map((query) => buildBenchRequest(ctx, query.q, filters));
	const totals = requests.map((request) => searchFts5(ctx.db, request).total);
	const perQuery: number[][] = queries.map(() => []);
	for (let round = 0; round < options.rounds; round++) {
		for (let i = 0; i < requests.length; i++) {
			const t0 = performance.now();
			searchFts5(ctx.db, requests[i]!);
			perQuery[i]!.push(performance.now() - t0);
		}
	}
	const kinds = [...new Set(queries.map((query) => query.kind))];
	const byKind = Object.fromEntries(
		kinds.map((kind) => [
			kind,
			summarizeLatency(perQuery.filter((_, i) => queries[i]!.kind === kind).flat()),
		]),
	);
	const slowest = queries
		.map((query, i) => ({
			q: query.q,
			kind: query.kind,
			medianMs: roundMs(takeMedian(perQuery[i]!)),
			total: totals[i]!,
		}))
		.sort((a, b) => b.medianMs - a.medianMs)
		.slice(0, 5);
	return {
		label: options.label,
		filters,
		rounds: options.rounds,
		summary: summarizeLatency(perQuery.flat()),
		byKind,
		slowest,
		emptyQueries: totals.filter((t) => t === 0).length,
	};
}
