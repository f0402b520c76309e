import type { APIRoute } from 'astro';
import { badQueryResponse, feedJson, parseFeedQuery } from '../../../lib/server/feed/feed-request';
import { openFeed } from '../../../lib/server/feed/open-feed';
import { venuesFeedQuerySchema } from '../../../lib/server/feed/schemas';
import { loadVenuesFeed } from '../../../lib/server/feed/venues-feed';

/** `GET /api/v1/venues`: the festival's venues with their feeds' addresses (openapi.json). */
export const GET: APIRoute = ({ url, locals }) => {
	const opened = openFeed(url, locals);
	if (!opened.ok) return opened.response;
	const parsed = parseFeedQuery(url.searchParams, venuesFeedQuerySchema);
	if (!parsed.ok) return badQueryResponse(parsed.issues);
	const { db, festival, url: feedUrl } = opened.feed;
	return feedJson(loadVenuesFeed(db, festival, locals.now, feedUrl.origin));
};
