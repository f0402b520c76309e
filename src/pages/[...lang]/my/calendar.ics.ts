import type { APIRoute } from 'astro';
import { resolveLocale } from '../../../i18n';
import {
	buildFestivalCalendar,
	calendarResponse,
} from '../../../lib/server/calendar/festival-calendar';
import { getDb } from '../../../lib/server/db';
import { env } from '../../../lib/server/env';
import { findPublishedFestival } from '../../../lib/server/festival/current';
import { notFoundResponse } from '../../../lib/server/http';
import { MY_FESTIVAL_PARAM, parseRoomList } from '../../../lib/shared/my-festival';

/**
 * `GET /my/calendar.ics?rooms=12-40-731`: a personal feed for calendar apps (subscribe with
 * `webcal://`). The list is the URL — the server keeps nothing — and the feed follows the rooms:
 * moved rooms get a higher SEQUENCE, cancelled ones STATUS:CANCELLED. Ids that are not rooms
 * of the festival are ignored.
 */
export const GET: APIRoute = ({ params, url }) => {
	const locale = resolveLocale(params.lang);
	if (!locale) return notFoundResponse();
	const db = getDb();
	const festival = findPublishedFestival(db);
	if (!festival) return notFoundResponse();
	const ids = parseRoomList(url.searchParams.get(MY_FESTIVAL_PARAM));
	const calendar = buildFestivalCalendar(db, festival, ids, {
		locale,
		origin: env.publicOrigin,
		kind: 'feed',
	});
	return calendarResponse(calendar.text, `${festival.slug}-my-festival.ics`, 'inline');
};
