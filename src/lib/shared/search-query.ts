import { parseScheduleQuery, type ScheduleChoices, type ScheduleQuery } from './schedule-query';

/** Longer queries are cut: nobody types more, and it bounds the work one query can cause. */
export const MAX_QUERY_LENGTH = 100;

export interface SearchQuery extends ScheduleQuery {
	q: string;
}

/**
 * Reads a search URL: the schedule's filters (all optional here, day included) plus `q`, with
 * control characters removed and cut to MAX_QUERY_LENGTH. Invalid filters are named in `ignored`:
 * the page drops them with a notice, the JSON API answers 400 naming the first.
 */
export function parseSearchQuery(
	params: URLSearchParams,
	choices: ScheduleChoices,
): { query: SearchQuery; ignored: string[] } {
	const { query, ignored } = parseScheduleQuery(params, choices);
	const q = (params.get('q') ?? '')
		.replace(/\p{Cc}/gu, ' ')
		.trim()
		.slice(0, MAX_QUERY_LENGTH);
	return { query: { ...query, q }, ignored };
}

/** The query string of a search with some filters changed (back to page 1 unless given). */
export function buildSearchSearch(query: SearchQuery, changes: Partial<SearchQuery> = {}): string {
	const next: SearchQuery = { ...query, page: 1, ...changes };
	const params = new URLSearchParams();
	if (next.q) params.set('q', next.q);
	for (const key of ['day', 'district', 'category', 'kind', 'phase'] as const) {
		const value = next[key];
		if (value) params.set(key, value);
	}
	if (next.page > 1) params.set('page', String(next.page));
	const s = params.toString();
	return s ? `?${s}` : '';
}
