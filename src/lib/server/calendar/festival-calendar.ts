import { createTranslator, localizePath } from '../../../i18n';
import type { Locale } from '../../shared/time';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { buildCalendar, type CalendarRoom } from './calendar';
import { listCalendarRooms } from './rooms';

/** How often a subscribed feed should be polled: rooms move and get cancelled during the day. */
export const FEED_REFRESH_INTERVAL = 'PT1H';

export interface FestivalCalendar {
	text: string;
	rooms: CalendarRoom[];
}

/**
 * The calendar of some of a festival's rooms, in the locale: one room (a download; public rooms
 * only) or a personal feed (a subscription; cancelled rooms stay in it as CANCELLED so clients
 * drop them). Every link in it points at the portal's public origin.
 */
export function buildFestivalCalendar(
	db: Db,
	festival: Festival,
	ids: number[],
	options: { locale: Locale; origin: string; kind: 'room' | 'feed'; name?: string },
): FestivalCalendar {
	const t = createTranslator(options.locale);
	const festivalName = options.locale === 'en' ? festival.nameEn : festival.nameZh;
	const rooms = listCalendarRooms(
		db,
		ids,
		{
			festivalId: festival.id,
			locale: options.locale,
			goUrl: (id) => `${options.origin}${localizePath(options.locale, `/go/${id}`)}`,
			location: (merchant) =>
				merchant ? t('access.calendar.location', { merchant }) : t('access.calendar.locationNone'),
		},
		{ includeCancelled: options.kind === 'feed' },
	);
	const text = buildCalendar({
		name:
			options.name ??
			(options.kind === 'feed'
				? t('access.calendar.myName', { festival: festivalName })
				: festivalName),
		timezone: festival.timezone,
		uidHost: new URL(options.origin).hostname,
		span: {
			start: getDayBounds(festival.startDate, festival.timezone).start,
			end: getDayBounds(festival.endDate, festival.timezone).end,
		},
		rooms,
		labels: { cancelledSummary: t('access.calendar.cancelled'), watch: t('access.calendar.watch') },
		refreshInterval: options.kind === 'feed' ? FEED_REFRESH_INTERVAL : undefined,
	});
	return { text, rooms };
}

/**
 * The HTTP answer for a calendar: `text/calendar`, cacheable for five minutes — by shared caches
 * too for a subscribed feed, by the browser alone for a room's download, which the portal counts
 * (results/visitor-counts.ts) and must therefore see.
 */
export function calendarResponse(
	text: string,
	filename: string,
	disposition: 'attachment' | 'inline',
): Response {
	return new Response(text, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `${disposition}; filename="${filename}"`,
			'Cache-Control': `${disposition === 'inline' ? 'public' : 'private'}, max-age=300`,
		},
	});
}
