import type { APIRoute } from 'astro';
import { resolveLocale } from '../../../i18n';
import {
	buildFestivalCalendar,
	calendarResponse,
} from '../../../lib/server/calendar/festival-calendar';
import { getDb } from '../../../lib/server/db';
import { env } from '../../../lib/server/env';
import { findPublishedFestival } from '../../../lib/server/festival/current';
import { notFoundResponse, parseId } from '../../../lib/server/http';

/**
 * `GET /rooms/{id}.ics` (and `/en/rooms/{id}.ics`): one public room as an iCalendar event with
 * the festival's time zone, the /go link and a reminder 10 minutes before. 404 for any room the
 * public cannot see.
 */
export const GET: APIRoute = ({ params }) => {
	const locale = resolveLocale(params.lang);
	const id = parseId(params.id);
	if (!locale || id === undefined) return notFoundResponse();
	const db = getDb();
	const festival = findPublishedFestival(db);
	if (!festival) return notFoundResponse();
	const calendar = buildFestivalCalendar(db, festival, [id], {
		locale,
		origin: env.publicOrigin,
		kind: 'room',
	});
	if (calendar.rooms.length === 0) return notFoundResponse();
	return calendarResponse(calendar.text, `${festival.slug}-room-${id}.ics`, 'attachment');
};
