// Layer: unit (pure builders of the Meilisearch adapter; no engine, no database).
import { describe, expect, it } from 'vitest';
import type { RoomDocument } from '../../../../src/lib/server/search/documents';
import { applyFiltersAndCount } from '../../../../src/lib/server/search/facets';
import {
	buildFilterConditions,
	buildPhaseConditions,
	buildQueryText,
	buildSearchPlan,
	quoteFilterValue,
	readSearchPlan,
	ROOM_INDEX_SETTINGS,
	type PlanResult,
} from '../../../../src/lib/server/search/meilisearch-query';
import type { SearchFilters, SearchRequest } from '../../../../src/lib/server/search/types';
import type { RoomKind } from '../../../../src/lib/shared/status';

const NOW = Date.parse('2026-06-07T04:00:00Z');
const HOUR = 3_600_000;
const DAYS = ['2026-06-06', '2026-06-07', '2026-06-08'];
const DAY0 = Date.parse('2026-06-05T16:00:00Z'); // midnight 6 June in Shanghai

function makeRequest(
	filters: SearchFilters = {},
	over: Partial<SearchRequest> = {},
): SearchRequest {
	return {
		festivalId: 7,
		days: DAYS.map((day, i) => ({
			day,
			start: DAY0 + i * 24 * HOUR,
			end: DAY0 + (i + 1) * 24 * HOUR,
		})),
		districtCodes: new Map([
			[1, 'tianhe'],
			[2, 'yuexiu'],
			[3, 'haizhu'],
		]),
		categoryCodes: new Map([
			[1, 'food'],
			[2, 'apparel'],
		]),
		q: '',
		filters,
		page: 1,
		pageSize: 20,
		now: new Date(NOW),
		...over,
	};
}

describe('ROOM_INDEX_SETTINGS', () => {
	it('searches title > names > pinyin > products > description and filters every facet', () => {
		expect(ROOM_INDEX_SETTINGS.searchableAttributes).toEqual([
			'title',
			'titleEn',
			'names',
			'pinyin',
			'products',
			'description',
		]);
		expect(ROOM_INDEX_SETTINGS.filterableAttributes).toEqual([
			'festivalId',
			'venues',
			'day',
			'district',
			'category',
			'kind',
			'startsAt',
			'endsAt',
		]);
		expect(ROOM_INDEX_SETTINGS.sortableAttributes).toEqual(['startsAt']);
	});
});

describe('buildFilterConditions', () => {
	it('gives only the festival without filters', () => {
		expect(buildFilterConditions(makeRequest())).toEqual(['festivalId = 7']);
	});

	it("narrows to a venue by its id in the documents' venues, whichever facet is counted", () => {
		const request = makeRequest({ venueId: 3, district: 'tianhe' });
		expect([
			buildFilterConditions(request),
			buildFilterConditions(request, 'district'),
			DOCS.filter((d) => matches(d, 'venues = 3')).length,
		]).toEqual([
			['festivalId = 7', 'venues = 3', 'district = "tianhe"'],
			['festivalId = 7', 'venues = 3'],
			36,
		]);
	});

	it('gives every filter, phase as numeric conditions on now', () => {
		const request = makeRequest({
			day: '2026-06-07',
			district: 'tianhe',
			category: 'food',
			kind: 'merchant',
			phase: 'live',
		});

		expect(buildFilterConditions(request)).toEqual([
			'festivalId = 7',
			'day = "2026-06-07"',
			'district = "tianhe"',
			'category = "food"',
			'kind = "merchant"',
			`startsAt <= ${NOW}`,
			`endsAt > ${NOW}`,
		]);
	});

	it('leaves out the facet whose counts are wanted', () => {
		const request = makeRequest({ district: 'tianhe', phase: 'ended' });

		expect(buildFilterConditions(request, 'district')).toEqual([
			'festivalId = 7',
			`endsAt <= ${NOW}`,
		]);
		expect(buildFilterConditions(request, 'phase')).toEqual([
			'festivalId = 7',
			'district = "tianhe"',
		]);
	});

	it('escapes quotes and backslashes in values', () => {
		expect(quoteFilterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
		expect(buildFilterConditions(makeRequest({ district: 'x" OR festivalId = 1' }))).toEqual([
			'festivalId = 7',
			'district = "x\\" OR festivalId = 1"',
		]);
	});
});

describe('buildPhaseConditions', () => {
	it('splits the schedule at now: live [start, end), upcoming before, ended from the end', () => {
		expect(buildPhaseConditions('live', 100)).toEqual(['startsAt <= 100', 'endsAt > 100']);
		expect(buildPhaseConditions('upcoming', 100)).toEqual(['startsAt > 100']);
		expect(buildPhaseConditions('ended', 100)).toEqual(['endsAt <= 100']);
	});
});

describe('buildQueryText', () => {
	it('keeps words and drops Meilisearch operators and punctuation', () => {
		expect(buildQueryText('"女装" -dress  NZ*')).toBe('女装 dress nz');
		expect(buildQueryText('"*"')).toBe('');
		expect(buildQueryText('荔'.repeat(10_000))).toBe('荔'.repeat(100));
	});
});

describe('buildSearchPlan', () => {
	it('asks one paged query and three phase counts when nothing is filtered', () => {
		const plan = buildSearchPlan('rooms', makeRequest({}, { q: '女装', page: 2 }));

		expect(plan.roles).toEqual([
			{ role: 'page' },
			{ role: 'phase', phase: 'live' },
			{ role: 'phase', phase: 'upcoming' },
			{ role: 'phase', phase: 'ended' },
		]);
		expect(plan.queries[0]).toEqual({
			indexUid: 'rooms',
			q: '女装',
			locales: ['cmn', 'eng'],
			filter: ['festivalId = 7'],
			facets: ['day', 'district', 'category', 'kind'],
			sort: ['startsAt:asc'],
			attributesToRetrieve: ['id'],
			page: 2,
			hitsPerPage: 20,
		});
		expect(plan.queries[1]).toEqual({
			indexUid: 'rooms',
			q: '女装',
			locales: ['cmn', 'eng'],
			filter: ['festivalId = 7', `startsAt <= ${NOW}`, `endsAt > ${NOW}`],
			page: 1,
			hitsPerPage: 0,
		});
	});

	it('asks for the best live and the best soon match on the first page of a query', () => {
		const plan = buildSearchPlan('rooms', makeRequest({}, { q: '燒臘' }));
		const onAir = plan.queries.slice(-2);
		expect([plan.roles.slice(-2), onAir.map((q) => q.q), onAir.map((q) => q.filter)]).toEqual([
			[
				{ role: 'on-air', when: 'live' },
				{ role: 'on-air', when: 'soon' },
			],
			['烧腊', '烧腊'],
			[
				['festivalId = 7', `startsAt <= ${NOW}`, `endsAt > ${NOW}`],
				['festivalId = 7', `startsAt > ${NOW}`, `startsAt <= ${NOW + 2 * HOUR}`],
			],
		]);
		expect(onAir[0]).toMatchObject({
			attributesToSearchOn: ['title', 'titleEn', 'names', 'pinyin', 'products'],
			hitsPerPage: 1,
		});
	});

	it('puts the best live match first, or else the best soon one', () => {
		const request = makeRequest({}, { q: '烧腊', pageSize: 3 });
		const plan = buildSearchPlan('rooms', request);
		const answer = (liveId: number | null, soonId: number | null): PlanResult[] =>
			plan.roles.map((role) => {
				if (role.role === 'page') return { hits: [1, 2, 3].map((id) => ({ id })), totalHits: 9 };
				if (role.role !== 'on-air') return { hits: [], totalHits: 0 };
				const id = role.when === 'live' ? liveId : soonId;
				return { hits: id === null ? [] : [{ id }], totalHits: id === null ? 0 : 1 };
			});
		expect([
			readSearchPlan(request, plan, answer(3, 8)).ids,
			readSearchPlan(request, plan, answer(null, 8)).ids,
			readSearchPlan(request, plan, answer(null, null)).ids,
		]).toEqual([
			[3, 1, 2],
			[8, 1, 2],
			[1, 2, 3],
		]);
	});

	it('adds a count query without its own filter for each filtered facet', () => {
		const plan = buildSearchPlan('rooms', makeRequest({ district: 'tianhe', kind: 'showcase' }));

		expect(plan.roles.slice(0, 3)).toEqual([
			{ role: 'page' },
			{ role: 'facet', facet: 'district' },
			{ role: 'facet', facet: 'kind' },
		]);
		expect(plan.queries[0]!.facets).toEqual(['day', 'category']);
		expect(plan.queries[1]).toMatchObject({
			filter: ['festivalId = 7', 'kind = "showcase"'],
			facets: ['district'],
			hitsPerPage: 0,
		});
		expect(plan.queries[2]).toMatchObject({
			filter: ['festivalId = 7', 'district = "tianhe"'],
			facets: ['kind'],
		});
	});
});

// A fixed set of documents around NOW: 3 days x 3 districts x 2 categories x 2 kinds, at
// different hours, so every phase and facet value occurs.
const DOCS: RoomDocument[] = [];
for (let i = 0; i < 72; i++) {
	const startsAt = DAY0 + (i % 3) * 24 * HOUR + ((i * 5) % 24) * HOUR;
	DOCS.push({
		id: i + 1,
		festivalId: i % 11 === 0 ? 8 : 7,
		title: '',
		titleEn: '',
		names: '',
		pinyin: '',
		products: '',
		description: '',
		day: DAYS[i % 3]!,
		district: ['tianhe', 'yuexiu', 'haizhu'][i % 3 === 0 ? 0 : (i >> 1) % 3]!,
		category: i % 4 < 2 ? 'food' : 'apparel',
		kind: (i % 5 === 0 ? 'showcase' : 'merchant') as RoomKind,
		startsAt,
		endsAt: startsAt + (1 + (i % 3)) * HOUR,
		venues: i % 2 === 0 ? [1, 3] : [2],
	});
}

/** Just enough of Meilisearch's filter grammar for the conditions the builders emit. */
function matches(doc: RoomDocument, condition: string): boolean {
	const m = /^(\w+) (=|<=|>|<) (?:"((?:[^"\\]|\\.)*)"|(\d+))$/.exec(condition);
	if (!m) throw new Error(`unexpected condition ${condition}`);
	const actual = doc[m[1] as keyof RoomDocument];
	// On an array attribute, `=` matches when any element does (Meilisearch's rule).
	if (m[2] === '=' && Array.isArray(actual)) return actual.map(String).includes(m[4] ?? m[3]!);
	if (m[2] === '=') return String(actual) === (m[3] ?? m[4])!.replace(/\\(.)/g, '$1');
	const [a, b] = [Number(actual), Number(m[4])];
	return m[2] === '<=' ? a <= b : m[2] === '>' ? a > b : a < b;
}

/** What Meilisearch would answer for one planned query over DOCS, with an empty q. */
function simulate(query: { filter?: unknown; facets?: string[] }): PlanResult {
	const hits = DOCS.filter((doc) => (query.filter as string[]).every((c) => matches(doc, c)));
	const facetDistribution: Record<string, Record<string, number>> = {};
	for (const facet of query.facets ?? []) {
		const counts: Record<string, number> = (facetDistribution[facet] = {});
		for (const doc of hits) {
			const value = String(doc[facet as keyof RoomDocument]);
			counts[value] = (counts[value] ?? 0) + 1;
		}
	}
	return { hits: hits.map((doc) => ({ id: doc.id })), totalHits: hits.length, facetDistribution };
}

const schedulePhase = (doc: RoomDocument): string =>
	NOW < doc.startsAt ? 'upcoming' : NOW < doc.endsAt ? 'live' : 'ended';

describe('readSearchPlan over the planned queries', () => {
	const cases: SearchFilters[] = [
		{},
		{ district: 'tianhe' },
		{ phase: 'live' },
		{ day: '2026-06-07', phase: 'upcoming' },
		{ district: 'yuexiu', category: 'apparel', kind: 'merchant', phase: 'ended' },
		{ day: '2026-06-06', district: 'haizhu', category: 'food', kind: 'showcase', phase: 'live' },
	];

	it('has rooms of every phase in the fixture, so the cases below count all three', () => {
		expect(new Set(DOCS.map(schedulePhase))).toEqual(new Set(['live', 'upcoming', 'ended']));
	});

	it.each(cases)('gives the same total and facet counts as facets.ts for %o', (filters) => {
		const request = makeRequest(filters, { pageSize: 100 });
		const plan = buildSearchPlan('rooms', request);

		const result = readSearchPlan(request, plan, plan.queries.map(simulate));

		const rows = DOCS.filter((doc) => doc.festivalId === 7).map((doc) => ({
			id: doc.id,
			day: doc.day,
			district: doc.district,
			category: doc.category,
			kind: doc.kind,
			phase: schedulePhase(doc),
		}));
		const expected = applyFiltersAndCount(rows, filters);
		expect(result.facets).toEqual(expected.facets);
		expect(result.total).toBe(expected.matches.length);
		expect([...result.ids].sort((a, b) => a - b)).toEqual(expected.matches.map((m) => m.id));
	});

	it('drops values the request does not know and zero counts', () => {
		const request = makeRequest();
		const plan = buildSearchPlan('rooms', request);
		const page: PlanResult = {
			hits: [{ id: 3 }],
			totalHits: 1,
			facetDistribution: {
				day: { '2026-06-06': 1, '2026-06-30': 4 },
				district: { tianhe: 1, nowhere: 2, yuexiu: 0 },
			},
		};
		const counts: PlanResult[] = [0, 1, 0].map((n) => ({ hits: [], totalHits: n }));

		const result = readSearchPlan(request, plan, [page, ...counts]);

		expect(result).toEqual({
			engine: 'meilisearch',
			total: 1,
			ids: [3],
			facets: {
				day: { '2026-06-06': 1 },
				district: { tianhe: 1 },
				category: {},
				kind: {},
				phase: { upcoming: 1 },
			},
		});
	});

	it('refuses an answer with fewer results than queries', () => {
		const request = makeRequest();
		const plan = buildSearchPlan('rooms', request);

		expect(() => readSearchPlan(request, plan, [{ hits: [], totalHits: 0 }])).toThrow(
			'meilisearch answered 1 of 4 queries',
		);
	});
});
