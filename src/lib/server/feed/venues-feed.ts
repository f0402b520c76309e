import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { loadVenueDirectory } from '../venue/venue-page';
import { describeFestival } from './schedule-feed';
import { FEED_VERSION, type VenuesFeed } from './schemas';

/**
 * The festival's venues for republishers, main first: names, introduction, rooms live now, and
 * where each venue's schedule, calendar and widget are. Counts come from venue_tally.
 */
export function loadVenuesFeed(db: Db, f: Festival, now: Date, origin: string): VenuesFeed {
	const at = (path: string) => new URL(path, origin).href;
	const directory = loadVenueDirectory(db, f, now);
	return {
		version: FEED_VERSION,
		festival: describeFestival(f),
		venues: directory.groups.flatMap((g) =>
			g.venues.map((v) => ({
				slug: v.slug,
				kind: v.kind,
				name: v.name,
				intro: v.intro,
				liveNow: v.liveNow,
				url: at(v.kind === 'main' ? '/' : `/venues/${v.slug}`),
				scheduleUrl: at(`/api/v1/schedule?venue=${v.slug}`),
				calendarUrl: at(`/venues/${v.slug}.ics`),
				widgetUrl: at(`/embed/venues/${v.slug}`),
			})),
		),
	};
}
