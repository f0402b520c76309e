import { describe, expect, it } from 'vitest';
import { applyFiltersAndCount, type FacetRow } from '../../../../src/lib/server/search/facets';

const row = (id: number, f: Partial<FacetRow>) => ({
	id,
	day: '2026-06-06',
	district: 'tianhe',
	category: 'food',
	kind: 'merchant',
	phase: 'live',
	...f,
});
const rows = [
	row(1, {}),
	row(2, { district: 'yuexiu' }),
	row(3, { district: 'yuexiu', phase: 'replay' }),
	row(4, { day: '2026-06-07', phase: 'upcoming' }),
	row(5, { kind: 'showcase', category: 'fashion' }),
];

describe('applyFiltersAndCount', () => {
	it('counts every value when nothing is filtered', () => {
		const { matches, facets } = applyFiltersAndCount(rows, {});
		expect(matches.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
		expect(facets).toEqual({
			day: { '2026-06-06': 4, '2026-06-07': 1 },
			district: { tianhe: 3, yuexiu: 2 },
			category: { food: 4, fashion: 1 },
			kind: { merchant: 4, showcase: 1 },
			phase: { live: 3, ended: 1, upcoming: 1 },
		});
	});

	it('counts each facet with every other filter but not its own', () => {
		const { matches, facets } = applyFiltersAndCount(rows, { district: 'yuexiu' });
		expect(matches.map((m) => m.id)).toEqual([2, 3]);
		expect(facets.district).toEqual({ tianhe: 3, yuexiu: 2 });
		expect(facets.phase).toEqual({ live: 1, ended: 1 });
	});

	it('treats a replay as ended when filtering by phase', () => {
		const { matches, facets } = applyFiltersAndCount(rows, { phase: 'ended', district: 'tianhe' });
		expect(matches.map((m) => m.id)).toEqual([]);
		expect(facets.district).toEqual({ yuexiu: 1 });
		expect(facets.phase).toEqual({ live: 2, upcoming: 1 });
	});
});
