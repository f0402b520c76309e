import type { APIRoute } from 'astro';
import { resolveLocale } from '../../../i18n';
import {
	buildFestivalCalendar,
	calendarResponse,
} from '../../../lib/server/calendar/festival-calendar';
import { recordCalendarDownload } from '../../../lib/server/results/visitor-counts';
import { getDb } from '../../../lib/server/db';
import { env } from '../../../lib/server/env';
import { findPublishedFestival } from '../../../lib/server/festival/current';
import { notFoundResponse, parseId } from '../../../lib/server/http';

/**
 * `GET /rooms/{id}.ics` (and `/en/rooms/{id}.ics`): one public room as an iCalendar event with
 * the festival's time zone, the /go link and a reminder 10 minutes before. 404 for any room the
 * public cannot see. Each download is counted for the festival's results (calendar/downloads.ts),
 * so the file is kept by the browser only, never by a shared cache.
 */
export const GET: APIRoute = ({ params, locals }) => {
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
	recordCalendarDownload(db, {
		roomId: id,
		address: locals.clientAddress,
		at: locals.now,
		timezone: festival.timezone,
	});
	return calendarResponse(calendar.text, `${festival.slug}-room-${id}.ics`, 'attachment');
};
