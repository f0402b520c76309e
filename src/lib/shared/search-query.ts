import { parseScheduleQuery, type ScheduleChoices } from './schedule-query';
import type { SearchQuery } from './search-url';

export { buildSearchSearch, type SearchQuery } from './search-url';

/** Longer queries are cut: nobody types more, and it bounds the work one query can cause. */
export const MAX_QUERY_LENGTH = 100;

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
