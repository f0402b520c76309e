import { and, asc, desc, eq, gt, gte, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import { LIVE_STATUS_FRESH_MS, SOON_WINDOW_MS } from '../../shared/live-phase';
import type { RoomCard } from '../../shared/room-card';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import { listRoomCards } from '../room/cards';
import { getPhaseFilterSql } from '../room/phase-sql';
import { countLiveNow, countPublicStarts } from '../room/tally';
import { getDefaultDay, listFestivalDays, type Festival } from './current';

const HOME_LIST_LIMIT = 8;
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

/** Everything the home page shows, in a fixed number of statements, none of them a scan. */
export function loadFestivalOverview(db: Db, f: Festival, now: Date): FestivalOverview {
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
		showcase: listRoomCards(db, {
			...base,
			limit: 6,
			where: eq(room.kind, 'showcase'),
			index: 'room_public_kind_idx',
			orderBy: [sql`${room.endAt} <= ${t}`, asc(room.startAt), asc(room.id)],
		}),
		days: countRoomsByDay(db, f),
	};
}

/**
 * The rooms live now that started most recently (they have the most time left to watch). Rooms a
 * fresh WeChat status shows live before their scheduled start come first; the rest are read
 * backwards from `now` on the start index, which reaches live rooms at once instead of walking
 * the festival's remaining schedule.
 */
export function listLiveCards(db: Db, f: Festival, now: Date, limit = HOME_LIST_LIMIT): RoomCard[] {
	const live = getPhaseFilterSql('live', now);
	// Both descending: the start index's own order, so the read stops at the eighth live room
	// instead of sorting every room that started in the same minute.
	const order = [desc(room.startAt), desc(room.id)];
	const base = { festivalId: f.id, now, limit, orderBy: order };
	const early = listRoomCards(db, {
		...base,
		index: 'room_public_status_idx',
		where: and(
			live,
			gt(room.startAt, now),
			gte(room.liveStatusAt, new Date(now.getTime() - LIVE_STATUS_FRESH_MS)),
		),
	});
	if (early.length >= limit) return early;
	const started = listRoomCards(db, {
		...base,
		limit: limit - early.length,
		where: and(live, lte(room.startAt, now)),
	});
	return [...early, ...started];
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
