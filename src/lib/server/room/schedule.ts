import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { RoomCard } from '../../shared/room-card';
import type { ScheduleQuery } from '../../shared/schedule-query';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import type { Category, District, Festival } from '../festival/current';
import { listRoomCards, type PublicRoomIndex } from './cards';
import { getPhaseFilterSql } from './phase-sql';
import { countDayPhase, countPublicStarts, findLongestDuration, type TallyFilter } from './tally';

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
 * A page past the end shows the last page. The count comes from the tallies (room/tally.ts), the
 * cards from two statements whatever the page.
 */
export function loadSchedulePage(
	db: Db,
	f: Festival,
	ref: { districts: District[]; categories: Category[] },
	query: ScheduleQuery & { day: string },
	now: Date,
): SchedulePage {
	const filter = resolveFilter(ref, query);
	const longestMs = query.phase === 'upcoming' ? findLongestDuration(db, f.id) : 0;
	const where = getScheduleCondition(f, filter, query, now, longestMs);
	const { start, end } = getDayBounds(query.day, f.timezone);
	const range = { from: start.getTime(), to: end.getTime() };
	const total = query.phase
		? countDayPhase(db, f.id, range, query.phase, now, filter)
		: countPublicStarts(db, f.id, range.from, range.to, filter);
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
					...readOrder(filter),
				});
	return { day: query.day, rooms, total, page, pages };
}

/**
 * Which index a schedule page is read on, and its order: by start, then end, then plugin-status
 * time, then id — every schedule index's own order, so no page sorts, and a phase filter is
 * checked on the index alone (room/phase-sql.ts) until a row is on the page.
 */
function readOrder(filter: TallyFilter): { index: PublicRoomIndex; orderBy: SQL[] } {
	const index: PublicRoomIndex =
		filter.districtId !== undefined
			? 'room_public_district_idx'
			: filter.categoryId !== undefined
				? 'room_public_category_idx'
				: filter.kind === 'showcase'
					? 'room_public_kind_idx'
					: 'room_public_window_idx';
	return {
		index,
		orderBy: [asc(room.startAt), asc(room.endAt), asc(room.liveStatusAt), asc(room.id)],
	};
}

function resolveFilter(
	ref: { districts: District[]; categories: Category[] },
	query: ScheduleQuery,
): TallyFilter {
	return {
		districtId: ref.districts.find((d) => d.code === query.district)?.id,
		categoryId: ref.categories.find((c) => c.code === query.category)?.id,
		kind: query.kind,
	};
}

function getScheduleCondition(
	f: Festival,
	filter: TallyFilter,
	query: ScheduleQuery & { day: string },
	now: Date,
	longestMs: number,
): SQL | undefined {
	const { start, end } = getDayBounds(query.day, f.timezone);
	return and(
		gte(room.startAt, start),
		lt(room.startAt, end),
		filter.districtId === undefined ? undefined : eq(room.districtId, filter.districtId),
		filter.categoryId === undefined ? undefined : eq(room.categoryId, filter.categoryId),
		filter.kind ? eq(room.kind, filter.kind) : undefined,
		query.phase ? getPhaseFilterSql(query.phase, now, longestMs) : undefined,
	);
}
