import type { APIRoute } from 'astro';
import { badQueryResponse, FEED_CORS, parseFeedQuery } from '../../../lib/server/feed/feed-request';
import { openFeed } from '../../../lib/server/feed/open-feed';
import { xmltvQuerySchema } from '../../../lib/server/feed/schemas';
import { loadXmltvFeed } from '../../../lib/server/feed/xmltv-feed';

/**
 * `GET /api/v1/xmltv.xml[?venue=&day=&page=]`: the venues as XMLTV channels, and one venue's rooms
 * of a day as programmes (feed/xmltv.ts). Cached and rate-limited like every open feed.
 */
export const GET: APIRoute = ({ url, locals }) => {
	const opened = openFeed(url, locals);
	if (!opened.ok) return opened.response;
	const parsed = parseFeedQuery(url.searchParams, xmltvQuerySchema);
	if (!parsed.ok) return badQueryResponse(parsed.issues);
	const { db, festival, url: feedUrl } = opened.feed;
	const result = loadXmltvFeed(db, festival, parsed.query, locals.now, feedUrl);
	if (!result.ok) return badQueryResponse(result.issues);
	return new Response(result.feed.xml, {
		status: 200,
		headers: {
			'Content-Type': 'application/xml; charset=utf-8',
			...FEED_CORS,
			...(result.feed.next ? { Link: `<${result.feed.next}>; rel="next"` } : {}),
		},
	});
};
