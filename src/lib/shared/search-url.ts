import type { ScheduleQuery } from './schedule-query';

/**
 * A search as its URL holds it. Kept apart from search-query.ts, whose parsing pulls in zod: the
 * search island imports only this file, which keeps zod (≈14 KB gzipped) out of the browser.
 */
export interface SearchQuery extends ScheduleQuery {
	q: string;
}

/** The query string of a search with some filters changed (back to page 1 unless given). */
export function buildSearchSearch(query: SearchQuery, changes: Partial<SearchQuery> = {}): string {
	const next: SearchQuery = { ...query, page: 1, ...changes };
	const params = new URLSearchParams();
	if (next.q) params.set('q', next.q);
	for (const key of ['venue', 'day', 'district', 'category', 'kind', 'phase'] as const) {
		const value = next[key];
		if (value) params.set(key, value);
	}
	if (next.page > 1) params.set('page', String(next.page));
	const s = params.toString();
	return s ? `?${s}` : '';
}
