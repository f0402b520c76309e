import { and, asc, eq, gt, gte, isNotNull, lt, lte, sql, desc, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import { SOON_WINDOW_MS } from '../../shared/live-phase';
import type { RoomCard } from '../../shared/room-card';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import { listRoomCards } from '../room/cards';
import { getPhaseFilterSql } from '../room/phase-sql';
import { countLiveNow, countPublicStarts, findLongestDuration } from '../room/tally';
import { venueScope } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import { listVenueShowcases } from '../venue/venue-page';
import { getDefaultDay, listFestivalDays, type Festival } from './current';

const HOME_LIST_LIMIT = 8;
/** Live rooms on the home page's rail; the rail ends with a link to all of them. */
export const HOME_LIVE_LIMIT = 12;
/** Featured rooms per festival day: what the home page shows, and the most staff may choose. */
export const HOME_FEATURED_LIMIT = 8;

export interface FestivalOverview {
	live: RoomCard[];
	liveTotal: number;
	soon: RoomCard[];
	soonTotal: number;
	featured: RoomCard[];
	showcase: RoomCard[];
	days: { day: string; count: number }[];
}

/**
 * Everything the home page shows, in a fixed number of statements, none of them a scan. With a
 * main venue, the showcase sessions are its programme (venue/venue-rooms.ts); else the festival's.
 */
export function loadFestivalOverview(
	db: Db,
	f: Festival,
	now: Date,
	mainVenueId?: number,
): FestivalOverview {
	const base = { festivalId: f.id, now, limit: HOME_LIST_LIMIT };
	const t = now.getTime();
	const soonWhere = and(gt(room.startAt, now), lte(room.startAt, new Date(t + SOON_WINDOW_MS)));
	return {
		live: listLiveCards(db, f, now),
		liveTotal: countLiveNow(db, f.id, now),
		soon: listRoomCards(db, { ...base, where: soonWhere }),
		soonTotal: countPublicStarts(db, f.id, t + 1, t + SOON_WINDOW_MS + 1),
		featured: listFeaturedCards(db, f, now),
		// Showcases still to watch come first, in time order; ended ones after.
		showcase:
			mainVenueId !== undefined
				? listMainVenueShowcases(db, f, now, mainVenueId)
				: listRoomCards(db, {
						...base,
						limit: 6,
						where: eq(room.kind, 'showcase'),
						index: 'room_public_kind_idx',
						orderBy: [sql`${room.endAt} <= ${t}`, asc(room.startAt), asc(room.id)],
					}),
		days: countRoomsByDay(db, f),
	};
}

/** The main venue's showcase sessions, still to watch first (as its page would list them). */
function listMainVenueShowcases(db: Db, f: Festival, now: Date, venueId: number): RoomCard[] {
	notePageDependsOn(venueScope(venueId));
	return listVenueShowcases(db, f.id, venueId, now);
}

/**
 * The rooms live now (shared/phase-rule.ts), those a citizen can open first (room.watchable), each
 * group most recent start first (the most time left to watch). Read backwards from `now` on
 * room_public_watch_idx, which holds watchability, times and status time, so the read stops at the
 * `limit`th live room instead of walking the day; a room live now started at most the festival's
 * longest room (and the grace) ago, which bounds the walk at night.
 */
export function listLiveCards(db: Db, f: Festival, now: Date, limit = HOME_LIVE_LIMIT): RoomCard[] {
	// A room live now has started (shared/phase-rule.ts): the bound lets the read start at now.
	const live = and(
		lte(room.startAt, now),
		getPhaseFilterSql('live', now, findLongestDuration(db, f.id)),
	);
	const base = {
		festivalId: f.id,
		now,
		index: 'room_public_watch_idx' as const,
		// The index's own order within a watchability, backwards, so nothing is sorted and the read
		// stops at the limit: latest start first (then latest end, status time, id).
		orderBy: [desc(room.startAt), desc(room.endAt), desc(room.liveStatusAt), desc(room.id)],
	};
	const watchable = listRoomCards(db, {
		...base,
		limit,
		where: and(sql`${room.watchable} = 1`, live),
	});
	if (watchable.length >= limit) return watchable;
	const rest = listRoomCards(db, {
		...base,
		limit: limit - watchable.length,
		where: and(sql`${room.watchable} = 0`, live),
	});
	return [...watchable, ...rest];
}

/**
 * The featured rooms of the day the home page is about — today during the festival, else its first
 * day — in the order staff chose (`featured_rank` orders rooms within their start day). Through
 * the public condition, so a featured room that is rejected or cancelled drops out by itself.
 */
export function listFeaturedCards(db: Db, f: Festival, now: Date): RoomCard[] {
	const { start, end } = getDayBounds(getDefaultDay(f, now), f.timezone);
	return listRoomCards(db, {
		festivalId: f.id,
		now,
		limit: HOME_FEATURED_LIMIT,
		where: and(
			isNotNull(room.featuredRank),
			gte(room.startAt, start),
			lt(room.startAt, end),
		) as SQL,
		orderBy: [asc(room.featuredRank), asc(room.id)],
	});
}

/** Public rooms starting on each festival day (in the festival's zone), from the tally. */
export function countRoomsByDay(db: Db, f: Festival): { day: string; count: number }[] {
	return listFestivalDays(f).map((day) => {
		const { start, end } = getDayBounds(day, f.timezone);
		return { day, count: countPublicStarts(db, f.id, start.getTime(), end.getTime()) };
	});
}
