import { sql } from 'drizzle-orm';
import { roomVenue } from '../../../../db/schema';
import { getDayBounds } from '../../shared/time';
import { SOON_WINDOW_MS } from '../../shared/live-phase';
import type { RoomCard } from '../../shared/room-card';
import type { VenueKind } from '../../shared/venue-kinds';
import { venueScope, VENUES_SCOPE } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import type { Db } from '../db';
import { getDefaultDay, listFestivalDays, type Festival } from '../festival/current';
import { ALL_TIME, countLiveNow, countPublicStarts } from '../room/tally';
import { listVenueFeaturedCards, listVenueLiveCards, listVenueRoomCards } from './venue-rooms';
import { countVenuesLiveNow, countVenuesStarting } from './venue-tally';
import { listVenues, summarizeVenue, type VenueRow, type VenueSummary } from './venues';

/** Rooms on a venue's live rail, in its "next" list, and of its showcases. */
export const VENUE_LIVE_LIMIT = 12;
export const VENUE_SOON_LIMIT = 8;
export const VENUE_SHOWCASE_LIMIT = 6;
/** Rooms of the day's schedule shown on the page (the schedule filtered by venue has them all). */
export const VENUE_DAY_LIMIT = 12;

const HOUR_MS = 3_600_000;

export interface VenuePage {
	venue: VenueSummary;
	live: RoomCard[];
	liveTotal: number;
	soon: RoomCard[];
	soonTotal: number;
	featured: RoomCard[];
	showcases: RoomCard[];
	showcaseTotal: number;
	/** The day the page is about (today during the festival) and the rooms per festival day. */
	day: string;
	/** The day's rooms in start order, from the current hour on today. */
	dayRooms: RoomCard[];
	days: { day: string; count: number }[];
}

/**
 * Everything a venue's page shows, in a fixed number of statements whatever the venue's size:
 * lists are pages of room_venue's indexes, counts come from venue_tally (room/tally.ts with the
 * venue). The page depends on the venue's own scope as well as on the lists (cache/change-scope.ts).
 */
export function loadVenuePage(db: Db, f: Festival, v: VenueRow, now: Date): VenuePage {
	notePageDependsOn(venueScope(v.id));
	const t = now.getTime();
	const filter = { venueId: v.id };
	const days = listFestivalDays(f).map((day) => {
		const { start, end } = getDayBounds(day, f.timezone);
		return { day, count: countPublicStarts(db, f.id, start.getTime(), end.getTime(), filter) };
	});
	const day = getDefaultDay(f, now);
	const bounds = getDayBounds(day, f.timezone);
	const dayFrom = Math.max(bounds.start.getTime(), Math.floor(t / HOUR_MS) * HOUR_MS);
	return {
		venue: summarizeVenue(v),
		live: listVenueLiveCards(db, f.id, v.id, now, VENUE_LIVE_LIMIT),
		liveTotal: countLiveNow(db, f.id, now, filter),
		soon: listVenueRoomCards(db, f.id, {
			venueId: v.id,
			now,
			from: t + 1,
			to: t + SOON_WINDOW_MS + 1,
			order: 'asc',
			limit: VENUE_SOON_LIMIT,
		}),
		soonTotal: countPublicStarts(db, f.id, t + 1, t + SOON_WINDOW_MS + 1, filter),
		featured: listVenueFeaturedCards(db, f.id, v.id, v.featured, now),
		showcases: listVenueShowcases(db, f.id, v.id, now),
		showcaseTotal: countPublicStarts(db, f.id, ALL_TIME.from, ALL_TIME.to, {
			...filter,
			kind: 'showcase',
		}),
		day,
		dayRooms:
			dayFrom < bounds.end.getTime()
				? listVenueRoomCards(db, f.id, {
						venueId: v.id,
						now,
						from: dayFrom,
						to: bounds.end.getTime(),
						order: 'asc',
						limit: VENUE_DAY_LIMIT,
					})
				: [],
		days,
	};
}

/** The venue's showcase sessions still to watch in time order, then the latest ended ones. */
export function listVenueShowcases(
	db: Db,
	festivalId: number,
	venueId: number,
	now: Date,
): RoomCard[] {
	const base = { venueId, now, kind: 'showcase' as const, index: 'room_venue_kind_idx' as const };
	const ahead = listVenueRoomCards(db, festivalId, {
		...base,
		where: sql`${roomVenue.endAt} > ${now.getTime()}`,
		order: 'asc',
		limit: VENUE_SHOWCASE_LIMIT,
	});
	if (ahead.length >= VENUE_SHOWCASE_LIMIT) return ahead;
	const over = listVenueRoomCards(db, festivalId, {
		...base,
		where: sql`${roomVenue.endAt} <= ${now.getTime()}`,
		order: 'desc',
		limit: VENUE_SHOWCASE_LIMIT - ahead.length,
	});
	return [...ahead, ...over];
}

export interface VenueDirectoryEntry extends VenueSummary {
	liveNow: number;
	today: number;
}

export interface VenueDirectory {
	day: string;
	groups: { kind: VenueKind; venues: VenueDirectoryEntry[] }[];
}

/** Every venue of the festival, grouped by kind, with rooms live now and starting today. */
export function loadVenueDirectory(db: Db, f: Festival, now: Date): VenueDirectory {
	notePageDependsOn(VENUES_SCOPE);
	const venues = listVenues(db, f.id);
	const ids = venues.map((v) => v.id);
	const day = getDefaultDay(f, now);
	const { start, end } = getDayBounds(day, f.timezone);
	const live = countVenuesLiveNow(db, ids, now);
	const today = countVenuesStarting(db, f.id, ids, start.getTime(), end.getTime());
	const entries = venues.map((v) => ({
		...summarizeVenue(v),
		liveNow: live.get(v.id) ?? 0,
		today: today.get(v.id) ?? 0,
	}));
	const groups = (['main', 'district', 'themed'] as const)
		.map((kind) => ({ kind, venues: entries.filter((e) => e.kind === kind) }))
		.filter((g) => g.venues.length > 0);
	return { day, groups };
}
