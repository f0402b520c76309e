import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { RoomCard } from '../../shared/room-card';
import type { ScheduleQuery } from '../../shared/schedule-query';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import type { Category, District, Festival } from '../festival/current';
import { countRooms, listRoomCards } from './cards';
import { getPhaseFilterSql } from './phase-sql';

export const SCHEDULE_PAGE_SIZE = 48;

export interface SchedulePage {
	day: string;
	rooms: RoomCard[];
	total: number;
	page: number;
	pages: number;
}

/**
 * One page of a festival day's public rooms, ordered by start time, with the filters applied.
 * A page past the end shows the last page. Two statements for the count, two for the cards.
 */
export function loadSchedulePage(
	db: Db,
	f: Festival,
	ref: { districts: District[]; categories: Category[] },
	query: ScheduleQuery & { day: string },
	now: Date,
): SchedulePage {
	const where = getScheduleCondition(f, ref, query, now);
	const total = countRooms(db, f.id, where);
	const pages = Math.max(1, Math.ceil(total / SCHEDULE_PAGE_SIZE));
	const page = Math.min(query.page, pages);
	const rooms =
		total === 0
			? []
			: listRoomCards(db, {
					festivalId: f.id,
					now,
					where,
					limit: SCHEDULE_PAGE_SIZE,
					offset: (page - 1) * SCHEDULE_PAGE_SIZE,
				});
	return { day: query.day, rooms, total, page, pages };
}

function getScheduleCondition(
	f: Festival,
	ref: { districts: District[]; categories: Category[] },
	query: ScheduleQuery & { day: string },
	now: Date,
): SQL | undefined {
	const { start, end } = getDayBounds(query.day, f.timezone);
	const districtId = ref.districts.find((d) => d.code === query.district)?.id;
	const categoryId = ref.categories.find((c) => c.code === query.category)?.id;
	return and(
		gte(room.startAt, start),
		lt(room.startAt, end),
		districtId === undefined ? undefined : eq(room.districtId, districtId),
		categoryId === undefined ? undefined : eq(room.categoryId, categoryId),
		query.kind ? eq(room.kind, query.kind) : undefined,
		query.phase ? getPhaseFilterSql(query.phase, now) : undefined,
	);
}
