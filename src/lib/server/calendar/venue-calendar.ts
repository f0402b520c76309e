import type { Locale } from '../../shared/time';
import { getDayBounds } from '../../shared/time';
import { venueScope } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import type { Db } from '../db';
import { getDefaultDay, type Festival } from '../festival/current';
import { selectVenueRoomIds } from '../venue/venue-rooms';
import type { VenueRow } from '../venue/venues';
import { buildFestivalCalendar, type FestivalCalendar } from './festival-calendar';

/**
 * Events in a venue's calendar feed: a calendar app shows a day, and a district venue at the real
 * festival's size has thousands of rooms a day, so the feed is the next rooms in start order.
 */
export const VENUE_CALENDAR_MAX = 300;

/**
 * A venue's iCalendar feed (`/venues/{slug}.ics`, subscribed with `webcal://`): its rooms from the
 * start of today (the festival's first day before it opens), VENUE_CALENDAR_MAX of them, read on
 * room_venue_start_idx. A room that leaves the venue or the public drops out of the next poll.
 */
export function buildVenueCalendar(
	db: Db,
	f: Festival,
	venue: VenueRow,
	now: Date,
	options: { locale: Locale; origin: string },
): FestivalCalendar {
	notePageDependsOn(venueScope(venue.id));
	const from = getDayBounds(getDefaultDay(f, now), f.timezone).start.getTime();
	const ids = db
		.all<{ room_id: number }>(
			selectVenueRoomIds({ venueId: venue.id, now, from, order: 'asc', limit: VENUE_CALENDAR_MAX }),
		)
		.map((r) => r.room_id);
	const venueName = options.locale === 'en' ? venue.nameEn : venue.nameZh;
	const festivalName = options.locale === 'en' ? f.nameEn : f.nameZh;
	return buildFestivalCalendar(db, f, ids, {
		...options,
		kind: 'feed',
		name: `${venueName} · ${festivalName}`,
	});
}
