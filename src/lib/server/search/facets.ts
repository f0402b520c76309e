import { FACET_NAMES, type FacetCounts, type FacetName, type SearchFilters } from './types';

/** A matching room reduced to what filters and facets look at. */
export type FacetRow = Record<FacetName, string | undefined>;

export function createEmptyFacets(): FacetCounts {
	return { day: {}, district: {}, category: {}, kind: {}, phase: {} };
}

/** "ended" as a filter includes rooms that can be replayed. */
function matchesFilter(row: FacetRow, name: FacetName, filters: SearchFilters): boolean {
	const wanted = filters[name];
	if (wanted === undefined) return true;
	if (name === 'phase' && wanted === 'ended')
		return row.phase === 'ended' || row.phase === 'replay';
	return row[name] === wanted;
}

const phaseBucket = (phase: string | undefined): string | undefined =>
	phase === 'replay' ? 'ended' : phase;

/**
 * Applies the filters and counts facets the way shoppers expect: each facet's counts apply every
 * other filter but not its own, so choosing 天河 still shows how many match in 越秀.
 */
export function applyFiltersAndCount<T extends FacetRow>(
	rows: T[],
	filters: SearchFilters,
): { matches: T[]; facets: FacetCounts } {
	const facets = createEmptyFacets();
	const matches: T[] = [];
	for (const row of rows) {
		let failed: FacetName | null = null;
		let failures = 0;
		for (const name of FACET_NAMES) {
			if (!matchesFilter(row, name, filters)) {
				failures++;
				failed = name;
				if (failures > 1) break;
			}
		}
		if (failures > 1) continue;
		if (failures === 0) matches.push(row);
		for (const name of FACET_NAMES) {
			if (failures === 1 && name !== failed) continue;
			const value = name === 'phase' ? phaseBucket(row.phase) : row[name];
			if (value === undefined) continue;
			const counts = facets[name];
			counts[value] = (counts[value] ?? 0) + 1;
		}
	}
	return { matches, facets };
}
