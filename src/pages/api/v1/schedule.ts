import type { APIRoute } from 'astro';
import { badQueryResponse, feedJson, parseFeedQuery } from '../../../lib/server/feed/feed-request';
import { openFeed } from '../../../lib/server/feed/open-feed';
import { loadScheduleFeed } from '../../../lib/server/feed/schedule-feed';
import { scheduleFeedQuerySchema } from '../../../lib/server/feed/schemas';

/**
 * `GET /api/v1/schedule?day=&venue=&district=&category=&kind=&page=`: one festival day's public
 * rooms for republishers, 48 a page, described in /api/v1/openapi.json. Cached like a public page
 * (ETag and 304 from the serving layer), rate-limited per address on renders.
 */
export const GET: APIRoute = ({ url, locals }) => {
	const opened = openFeed(url, locals);
	if (!opened.ok) return opened.response;
	const { db, festival, url: feedUrl } = opened.feed;
	const parsed = parseFeedQuery(url.searchParams, scheduleFeedQuerySchema);
	if (!parsed.ok) return badQueryResponse(parsed.issues);
	const result = loadScheduleFeed(db, festival, parsed.query, locals.now, feedUrl);
	if (!result.ok) return badQueryResponse(result.issues);
	return feedJson(result.feed);
};
