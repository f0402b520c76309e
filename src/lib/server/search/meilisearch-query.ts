import type { MultiSearchQuery, Settings } from 'meilisearch';
import { SOON_WINDOW_MS } from '../../shared/live-phase';
import { PHASE_FILTERS, type PhaseFilter } from '../../shared/status';
import { createEmptyFacets } from './facets';
import { MAX_QUERY_CHARS } from './match-query';
import { splitRuns } from './tokens';
import type { FacetCounts, FacetName, SearchRequest, SearchResult } from './types';

/**
 * Pure builders for the Meilisearch adapter (meilisearch.ts): index settings, filter expressions
 * and the multi-search that answers one SearchRequest. Kept free of I/O so they are unit-tested.
 */

/** Exhaustive totals are capped at maxTotalHits: it must exceed the rooms of one festival. */
export const MAX_TOTAL_HITS = 100_000;

/** Han text is Mandarin; Latin text is English or pinyin. Pinned so short queries are not read as Japanese. */
export const QUERY_LOCALES = ['cmn', 'eng'];

/**
 * The index settings. Searchable attributes are in ranking order (Meilisearch's `attribute` rule):
 * title > names (merchant, anchor, hosts) > pinyin > products > description, as FTS5's column
 * weights. Ties are broken by the earlier start through `sort: ['startsAt:asc']` on every query
 * (the `sort` rule comes after the relevance rules), which avoids rewriting `rankingRules`, whose
 * names changed in Meilisearch 1.36; the best live (or starting soon) match goes first through two
 * one-hit queries. Typos are off for pinyin, where one letter is another word. What FTS5 does and
 * this does not: rooms alike ordered by phase beyond the first (the phase changes with the clock,
 * a stored sort cannot follow it), accent-merged pinyin and search by sound (Meilisearch matches
 * what is typed, with its own typo tolerance on Chinese and English).
 */
export const ROOM_INDEX_SETTINGS: Settings = {
	searchableAttributes: ['title', 'titleEn', 'names', 'pinyin', 'products', 'description'],
	filterableAttributes: [
		'festivalId',
		'venues',
		'day',
		'district',
		'category',
		'kind',
		'startsAt',
		'endsAt',
	],
	sortableAttributes: ['startsAt'],
	localizedAttributes: [
		{ attributePatterns: ['title', 'names', 'products', 'description'], locales: QUERY_LOCALES },
		{ attributePatterns: ['titleEn', 'pinyin'], locales: ['eng'] },
	],
	typoTolerance: { disableOnAttributes: ['pinyin'] },
	faceting: { maxValuesPerFacet: 1000 },
	pagination: { maxTotalHits: MAX_TOTAL_HITS },
};

type ValueFacet = Exclude<FacetName, 'phase'>;
const VALUE_FACETS: readonly ValueFacet[] = ['day', 'district', 'category', 'kind'];

/** A filter string value, double-quoted with `\` and `"` escaped as Meilisearch's parser expects. */
export function quoteFilterValue(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A live-phase filter as numeric conditions on the schedule at `now` (ms), the rules of
 * phase-sql.ts without the plugin's live_status override (documents do not carry it):
 * live `startsAt <= now < endsAt`, upcoming `now < startsAt`, ended `endsAt <= now`.
 */
export function buildPhaseConditions(phase: PhaseFilter, now: number): string[] {
	if (phase === 'live') return [`startsAt <= ${now}`, `endsAt > ${now}`];
	if (phase === 'upcoming') return [`startsAt > ${now}`];
	return [`endsAt <= ${now}`];
}

/**
 * The request's filters as an array of conditions (Meilisearch ANDs array items), leaving out
 * one facet's own filter when its counts are wanted.
 */
export function buildFilterConditions(request: SearchRequest, omit?: FacetName): string[] {
	if (!Number.isSafeInteger(request.festivalId))
		throw new RangeError('festivalId must be an integer');
	const conditions = [`festivalId = ${request.festivalId}`];
	const venueId = request.filters.venueId;
	if (venueId !== undefined) {
		if (!Number.isSafeInteger(venueId)) throw new RangeError('venueId must be an integer');
		// A venue is a set of rooms, not a facet: it narrows every facet's counts.
		conditions.push(`venues = ${venueId}`);
	}
	for (const name of VALUE_FACETS) {
		const value = request.filters[name];
		if (value !== undefined && name !== omit)
			conditions.push(`${name} = ${quoteFilterValue(value)}`);
	}
	const phase = request.filters.phase;
	if (phase !== undefined && omit !== 'phase') {
		conditions.push(...buildPhaseConditions(phase, request.now.getTime()));
	}
	return conditions;
}

/**
 * What a citizen typed, reduced to words: punctuation, quotes and `-` are dropped, so Meilisearch
 * operators (phrase `"…"`, negation `-word`) are never triggered, as FTS5 treats all input as text.
 * Nothing searchable left gives the empty (placeholder) query, as FTS5 then lists every room.
 */
export function buildQueryText(input: string): string {
	return splitRuns(input.slice(0, MAX_QUERY_CHARS))
		.map((run) => run.text)
		.join(' ');
}

export type QueryRole =
	| { role: 'page' }
	| { role: 'facet'; facet: ValueFacet }
	| { role: 'phase'; phase: PhaseFilter }
	| { role: 'on-air'; when: 'live' | 'soon' };

/**
 * Where a room's words must be for it to go first because it is on air (fts5-filter.ts): its
 * title, a name or a product, not only its description.
 */
const ON_AIR_ATTRIBUTES = ['title', 'titleEn', 'names', 'pinyin', 'products'];

export interface SearchPlan {
	queries: MultiSearchQuery[];
	roles: QueryRole[];
}

/**
 * One multi-search for one request, so facet counts mean what FTS5's mean (facets.ts): each
 * facet's counts apply every filter but its own. Query 1 pages the hits with all filters and
 * counts the facets that are not filtered; each filtered facet gets a counting query without its
 * own filter; each phase gets a counting query (`hitsPerPage: 0`, exhaustive `totalHits`) with
 * every filter but the phase one, since phase depends on `now` and cannot be a stored facet.
 */
export function buildSearchPlan(indexUid: string, request: SearchRequest): SearchPlan {
	const base = { indexUid, q: buildQueryText(request.q), locales: QUERY_LOCALES };
	const open = VALUE_FACETS.filter((name) => request.filters[name] === undefined);
	const queries: MultiSearchQuery[] = [
		{
			...base,
			filter: buildFilterConditions(request),
			...(open.length > 0 ? { facets: [...open] } : {}),
			sort: ['startsAt:asc'],
			attributesToRetrieve: ['id'],
			page: request.page,
			hitsPerPage: request.pageSize,
		},
	];
	const roles: QueryRole[] = [{ role: 'page' }];
	for (const facet of VALUE_FACETS) {
		if (request.filters[facet] === undefined) continue;
		const filter = buildFilterConditions(request, facet);
		queries.push({ ...base, filter, facets: [facet], page: 1, hitsPerPage: 0 });
		roles.push({ role: 'facet', facet });
	}
	const withoutPhase = buildFilterConditions(request, 'phase');
	for (const phase of PHASE_FILTERS) {
		const filter = [...withoutPhase, ...buildPhaseConditions(phase, request.now.getTime())];
		queries.push({ ...base, filter, page: 1, hitsPerPage: 0 });
		roles.push({ role: 'phase', phase });
	}
	// The best match that is live (or else starting soon) goes first, as with FTS5.
	if (base.q !== '' && request.page === 1) {
		const now = request.now.getTime();
		const when = {
			live: [`startsAt <= ${now}`, `endsAt > ${now}`],
			soon: [`startsAt > ${now}`, `startsAt <= ${now + SOON_WINDOW_MS}`],
		} as const;
		for (const key of ['live', 'soon'] as const) {
			queries.push({
				...base,
				filter: [...buildFilterConditions(request), ...when[key]],
				attributesToSearchOn: ON_AIR_ATTRIBUTES,
				attributesToRetrieve: ['id'],
				page: 1,
				hitsPerPage: 1,
			});
			roles.push({ role: 'on-air', when: key });
		}
	}
	return { queries, roles };
}

/** The part of a Meilisearch search response the plan reads. */
export interface PlanResult {
	hits: Record<string, unknown>[];
	totalHits?: number;
	facetDistribution?: Record<string, Record<string, number>>;
}

function copyCounts(
	target: Record<string, number>,
	source: Record<string, number> | undefined,
	allowed: Set<string> | undefined,
): void {
	for (const [value, count] of Object.entries(source ?? {})) {
		if (count > 0 && (allowed === undefined || allowed.has(value))) target[value] = count;
	}
}

/**
 * Turns the multi-search answers back into a SearchResult. Counts are kept only for values the
 * request knows (festival days, the city's districts, categories), as FTS5 does, and zero counts
 * are left out, so the two engines return identical facet objects for the same matches.
 */
export function readSearchPlan(
	request: SearchRequest,
	plan: SearchPlan,
	results: readonly PlanResult[],
): SearchResult {
	if (results.length !== plan.queries.length) {
		throw new Error(`meilisearch answered ${results.length} of ${plan.queries.length} queries`);
	}
	const allowed: Partial<Record<ValueFacet, Set<string>>> = {
		day: new Set(request.days.map((d) => d.day)),
		district: new Set(request.districtCodes.values()),
		category: new Set(request.categoryCodes.values()),
	};
	const facets: FacetCounts = createEmptyFacets();
	let total = 0;
	let ids: number[] = [];
	const onAir: Partial<Record<'live' | 'soon', number>> = {};
	plan.roles.forEach((role, i) => {
		const result = results[i]!;
		if (typeof result.totalHits !== 'number') throw new Error('meilisearch gave no totalHits');
		if (role.role === 'page') {
			total = result.totalHits;
			ids = result.hits.map((hit) => Number(hit.id));
			for (const name of VALUE_FACETS) {
				if (request.filters[name] !== undefined) continue;
				copyCounts(facets[name], result.facetDistribution?.[name], allowed[name]);
			}
		} else if (role.role === 'facet') {
			copyCounts(facets[role.facet], result.facetDistribution?.[role.facet], allowed[role.facet]);
		} else if (role.role === 'on-air') {
			if (result.hits[0]) onAir[role.when] = Number(result.hits[0].id);
		} else if (result.totalHits > 0) {
			facets.phase[role.phase] = result.totalHits;
		}
	});
	const first = onAir.live ?? onAir.soon;
	if (first !== undefined) {
		ids = [first, ...ids.filter((id) => id !== first)].slice(0, request.pageSize);
	}
	return { engine: 'meilisearch', total, ids, facets };
}
