import type { APIRoute } from 'astro';
import { createTranslator, resolveLocale } from '../../i18n';
import { getDb } from '../../lib/server/db';
import {
	findPublishedFestival,
	listFestivalDays,
	listReferenceData,
} from '../../lib/server/festival/current';
import { getSearchEngines } from '../../lib/server/search/engines';
import { labelFacets } from '../../lib/server/search/facet-view';
import { runSearch } from '../../lib/server/search/service';
import { parseSearchQuery } from '../../lib/shared/search-query';
import { jsonResponse } from '../../lib/server/http';
import { listVenues } from '../../lib/server/venue/venues';

/**
 * `GET /api/search?q=&day=&district=&category=&kind=&phase=&page=&lang=`: what the search island
 * reads. A malformed or unknown filter is a 400 naming the parameter; any text in `q` is safe (it
 * only ever becomes quoted FTS5 tokens). Results depend on the clock (live phase), so shared
 * caches may keep them for seconds, not minutes.
 */
export const GET: APIRoute = async ({ url, locals }) => {
	const langParam = url.searchParams.get('lang');
	const locale = resolveLocale(langParam === 'zh-cn' ? undefined : (langParam ?? undefined));
	if (!locale)
		return jsonResponse(400, { error: { param: 'lang', message: 'lang must be zh-cn or en' } });
	const db = getDb();
	const festival = findPublishedFestival(db);
	if (!festival) return jsonResponse(404, { error: { message: 'no published festival' } });
	const venues = listVenues(db, festival.id);
	const ref = { ...listReferenceData(db, festival), venues };
	const days = listFestivalDays(festival);
	const { query, ignored } = parseSearchQuery(url.searchParams, {
		days,
		venues: venues.map((v) => v.slug),
		districts: ref.districts.map((d) => d.code),
		categories: ref.categories.map((c) => c.code),
	});
	if (ignored.length > 0) {
		const param = ignored[0]!;
		return jsonResponse(400, {
			error: { param, message: `${param} is not a valid value for this festival` },
		});
	}
	const result = await runSearch(
		{ db, engines: getSearchEngines(db), festival, ref, locale, now: locals.now },
		query,
	);
	const t = createTranslator(locale);
	return jsonResponse(
		200,
		{
			engine: result.engine,
			total: result.total,
			page: result.page,
			pages: result.pages,
			hits: result.hits,
			heard: result.heard,
			facets: labelFacets(result.facets, { days, ...ref, locale, t }),
		},
		{ 'Cache-Control': 'public, max-age=10, stale-while-revalidate=20' },
	);
};
