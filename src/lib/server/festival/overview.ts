import { and, asc, desc, eq, gt, gte, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { merchant, room } from '../../../../db/schema';
import { SOON_WINDOW_MS } from '../../shared/live-phase';
import type { RoomCard } from '../../shared/room-card';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import { countRooms, listRoomCards } from '../room/cards';
import { getPhaseFilterSql } from '../room/phase-sql';
import { getPublicRoomCondition } from '../room/visibility';
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

/** Everything the home page shows, in a fixed number of statements. */
export function loadFestivalOverview(db: Db, f: Festival, now: Date): FestivalOverview {
	const base = { festivalId: f.id, now, limit: HOME_LIST_LIMIT };
	const soonWhere = and(
		gt(room.startAt, now),
		lte(room.startAt, new Date(now.getTime() + SOON_WINDOW_MS)),
	);
	return {
		// Rooms that started most recently first: they have the most time left to watch.
		live: listRoomCards(db, {
			...base,
			where: getPhaseFilterSql('live', now),
			orderBy: [desc(room.startAt), asc(room.id)],
		}),
		liveTotal: countRooms(db, f.id, getPhaseFilterSql('live', now)),
		soon: listRoomCards(db, { ...base, where: soonWhere }),
		soonTotal: countRooms(db, f.id, soonWhere),
		featured: listFeaturedCards(db, f, now),
		// Showcases still to watch come first, in time order; ended ones after.
		showcase: listRoomCards(db, {
			...base,
			limit: 6,
			where: eq(room.kind, 'showcase'),
			orderBy: [sql`${room.endAt} <= ${now.getTime()}`, asc(room.startAt), asc(room.id)],
		}),
		days: countRoomsByDay(db, f),
	};
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

/** Public rooms starting on each festival day (in the festival's zone), in one statement. */
export function countRoomsByDay(db: Db, f: Festival): { day: string; count: number }[] {
	const days = listFestivalDays(f);
	const sums = days.map((day) => {
		const { start, end } = getDayBounds(day, f.timezone);
		return sql`coalesce(sum(${room.startAt} >= ${start.getTime()} and ${room.startAt} < ${end.getTime()}), 0)`;
	});
	const row = db
		.select({ counts: sql<string>`json_array(${sql.join(sums, sql`, `)})` })
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(getPublicRoomCondition(f.id))
		.get();
	const counts = JSON.parse(row?.counts ?? '[]') as number[];
	return days.map((day, i) => ({ day, count: counts[i] ?? 0 }));
}
