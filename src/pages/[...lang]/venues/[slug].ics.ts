import type { APIRoute } from 'astro';
import { resolveLocale } from '../../../i18n';
import { calendarResponse } from '../../../lib/server/calendar/festival-calendar';
import { buildVenueCalendar } from '../../../lib/server/calendar/venue-calendar';
import { openFeed } from '../../../lib/server/feed/open-feed';
import { notFoundResponse } from '../../../lib/server/http';
import { findVenueBySlug } from '../../../lib/server/venue/venues';
import { VENUE_SLUG_PATTERN } from '../../../lib/shared/venue-kinds';

/**
 * `GET /venues/{slug}.ics` (and `/en/…`): a venue's coming rooms as an iCalendar feed to subscribe
 * to (calendar/venue-calendar.ts). An open feed: no session read, cached, rate-limited.
 */
export const GET: APIRoute = ({ params, url, locals }) => {
	const locale = resolveLocale(params.lang);
	const slug = params.slug ?? '';
	if (!locale || !VENUE_SLUG_PATTERN.test(slug)) return notFoundResponse();
	const opened = openFeed(url, locals);
	if (!opened.ok) return opened.response;
	const { db, festival, url: feedUrl } = opened.feed;
	const venue = findVenueBySlug(db, festival.id, slug);
	if (!venue) return notFoundResponse();
	const calendar = buildVenueCalendar(db, festival, venue, locals.now, {
		locale,
		origin: feedUrl.origin,
	});
	const response = calendarResponse(calendar.text, `${festival.slug}-${venue.slug}.ics`, 'inline');
	// The middleware gives it the public pages' cache headers (until the next change it shows).
	response.headers.delete('Cache-Control');
	return response;
};
