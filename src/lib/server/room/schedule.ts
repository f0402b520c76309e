import { and, asc, eq, gt, gte, lt, lte, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { RoomCard } from '../../shared/room-card';
import type { ScheduleQuery } from '../../shared/schedule-query';
import { DAY_PART_CODES, getPartBounds, type DayPart } from '../../shared/day-parts';
import { LIVE_END_GRACE_MS } from '../../shared/phase-rule';
import { getDayKey, getInstantFromZoned, getZonedParts } from '../../shared/time';
import type { Db } from '../db';
import { listFestivalDays, type Category, type District, type Festival } from '../festival/current';
import { venueScope } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import { listVenueRoomCards } from '../venue/venue-rooms';
import { listRoomCards, type PublicRoomIndex } from './cards';
import { getPhaseFilterSql } from './phase-sql';
import {
	countDayPhase,
	countLiveNow,
	countPublicStarts,
	filterIndex,
	findLongestDuration,
	type TallyFilter,
} from './tally';

export const SCHEDULE_PAGE_SIZE = 48;

export interface SchedulePage {
	day: string;
	rooms: RoomCard[];
	total: number;
	page: number;
	pages: number;
	/** Today's "live now": every room live now, whatever day it started (as home counts them). */
	liveAcrossDays: boolean;
	/** The rooms come soonest to end first (all of today's live rooms, unfiltered). */
	byEnd: boolean;
	/** The page holding the rooms that start in the current hour (today, no phase filter). */
	nowPage: number | null;
	/** The list begins exactly at the current hour (`page: 'now'`), not at a page's start. */
	fromNow: boolean;
	/** The pages the pager links to (a list that begins at the hour overlaps its neighbours). */
	prev: number | null;
	next: number | null;
}

/**
 * One page of a festival day's public rooms (or of a time of day), ordered by start time, with the
 * filters applied; `page: 'now'` opens today's list at the current hour. A page past the end shows
 * the last page. The counts come from the tallies (room/tally.ts), the cards from two statements
 * whatever the page, so a page costs the same at 2,000 rooms and at 270,000.
 */
export function loadSchedulePage(
	db: Db,
	f: Festival,
	ref: ScheduleReference,
	query: ScheduleQuery & { day: string },
	now: Date,
	requested: number | 'now' = query.page,
): SchedulePage {
	const filter = resolveFilter(ref, query);
	const { start, end } = getPartBounds(query.day, query.part, f.timezone);
	const range = { from: start.getTime(), to: end.getTime() };
	const t = now.getTime();
	const today = getDayKey(now, f.timezone) === query.day;
	const liveAcrossDays = query.phase === 'live' && today && !query.part;
	const longestMs =
		query.phase === 'upcoming' || query.phase === 'live' ? findLongestDuration(db, f.id) : 0;
	const total = liveAcrossDays
		? countLiveNow(db, f.id, now, filter)
		: query.phase
			? countDayPhase(db, f.id, range, query.phase, now, filter)
			: countPublicStarts(db, f.id, range.from, range.to, filter);
	const pages = Math.max(1, Math.ceil(total / SCHEDULE_PAGE_SIZE));
	// Today opens at the current hour: the list begins at its first room, wherever the page
	// boundaries fall, and the pager continues on the pages around it.
	let nowPage: number | null = null;
	let nowOffset: number | null = null;
	if (today && !query.phase && t >= range.from && t < range.to) {
		const hour = getZonedParts(now, f.timezone).hour;
		const hourStart = Math.max(
			range.from,
			getInstantFromZoned(query.day, hour, 0, f.timezone).getTime(),
		);
		const before = countPublicStarts(db, f.id, range.from, hourStart, filter);
		nowPage = Math.min(pages, Math.floor(before / SCHEDULE_PAGE_SIZE) + 1);
		if (before < total) nowOffset = before;
	}
	const fromNow = requested === 'now' && nowOffset !== null;
	const page = fromNow
		? nowPage!
		: Math.min(requested === 'now' ? (nowPage ?? 1) : requested, pages);
	const offset = fromNow ? nowOffset! : (page - 1) * SCHEDULE_PAGE_SIZE;
	const prev = offset > 0 ? Math.floor((offset - 1) / SCHEDULE_PAGE_SIZE) + 1 : null;
	const following = Math.floor((offset + SCHEDULE_PAGE_SIZE) / SCHEDULE_PAGE_SIZE) + 1;
	const next = offset + SCHEDULE_PAGE_SIZE < total ? following : null;
	// All of today's live rooms are read soonest to end first (LIVE_ORDER); with a filter, the
	// filter's own index in start order reads fewer rows.
	const byEnd =
		liveAcrossDays &&
		filter.venueId === undefined &&
		filter.districtId === undefined &&
		filter.categoryId === undefined &&
		filter.kind === undefined;
	const where = and(
		liveAcrossDays
			? // Every live room started by now and ends after now less the grace (phase-rule.ts): a
				// range on room_public_end_idx, whatever the day it started.
				and(lte(room.startAt, now), gt(room.endAt, new Date(t - LIVE_END_GRACE_MS)))
			: and(gte(room.startAt, start), lt(room.startAt, end)),
		filter.districtId === undefined ? undefined : eq(room.districtId, filter.districtId),
		filter.categoryId === undefined ? undefined : eq(room.categoryId, filter.categoryId),
		filter.kind ? eq(room.kind, filter.kind) : undefined,
		query.phase ? getPhaseFilterSql(query.phase, now, longestMs) : undefined,
	);
	const rooms =
		total === 0
			? []
			: filter.venueId !== undefined
				? listVenueRoomCards(db, f.id, {
						venueId: filter.venueId,
						now,
						from: liveAcrossDays ? undefined : start.getTime(),
						to: end.getTime(),
						kind: filter.kind,
						phase: query.phase,
						longestMs,
						order: 'asc',
						limit: SCHEDULE_PAGE_SIZE,
						offset,
					})
				: listRoomCards(db, {
						festivalId: f.id,
						now,
						where,
						limit: SCHEDULE_PAGE_SIZE,
						offset,
						...(byEnd ? LIVE_ORDER : readOrder(filter)),
					});
	return {
		day: query.day,
		rooms,
		total,
		page,
		pages,
		liveAcrossDays,
		byEnd,
		nowPage,
		fromNow,
		prev,
		next,
	};
}

/**
 * What is live now, soonest to end first, read on the public rooms' end index: the page's rooms are
 * the first live ones from now on that index, so the list costs the same at the evening peak of a
 * 270,000-room festival as on the demo (in start order it would step over every room started
 * since yesterday evening).
 */
const LIVE_ORDER: { index: PublicRoomIndex; orderBy: SQL[] } = {
	index: 'room_public_end_idx',
	orderBy: [asc(room.endAt), asc(room.startAt), asc(room.id)],
};

/**
 * Which index a schedule page is read on, and its order: by start, then end, then plugin-status
 * time, then id — every schedule index's own order, so no page sorts, and a phase filter is
 * checked on the index alone (room/phase-sql.ts) until a row is on the page.
 */
function readOrder(filter: TallyFilter): { index: PublicRoomIndex; orderBy: SQL[] } {
	const index = filterIndex(filter) ?? 'room_public_window_idx';
	return {
		index,
		orderBy: [asc(room.startAt), asc(room.endAt), asc(room.liveStatusAt), asc(room.id)],
	};
}

/** The reference lists a schedule query's codes and slugs are resolved against. */
export interface ScheduleReference {
	districts: District[];
	categories: Category[];
	venues?: { id: number; slug: string }[];
}

function resolveFilter(ref: ScheduleReference, query: ScheduleQuery): TallyFilter {
	const venueId = query.venue ? ref.venues?.find((v) => v.slug === query.venue)?.id : undefined;
	if (venueId !== undefined) {
		notePageDependsOn(venueScope(venueId));
		return { venueId, kind: query.kind };
	}
	return {
		districtId: ref.districts.find((d) => d.code === query.district)?.id,
		categoryId: ref.categories.find((c) => c.code === query.category)?.id,
		kind: query.kind,
	};
}

/** Rooms starting on each festival day with the query's venue (or the whole festival). */
export function countScheduleDays(
	db: Db,
	f: Festival,
	ref: ScheduleReference,
	query: ScheduleQuery,
): { day: string; count: number }[] {
	const filter = resolveFilter(ref, { venue: query.venue, page: 1 });
	return listFestivalDays(f).map((day) => {
		const { start, end } = getPartBounds(day, undefined, f.timezone);
		return { day, count: countPublicStarts(db, f.id, start.getTime(), end.getTime(), filter) };
	});
}

/**
 * Rooms starting in each time of day of the query's day (with its district, category and kind,
 * not its phase), the whole day first: one tally read each (shared/day-parts.ts keeps the bounds
 * on whole slots).
 */
export function countDayParts(
	db: Db,
	f: Festival,
	ref: ScheduleReference,
	query: ScheduleQuery & { day: string },
): { part: DayPart | undefined; count: number }[] {
	const filter = resolveFilter(ref, query);
	return [undefined, ...DAY_PART_CODES].map((part) => {
		const { start, end } = getPartBounds(query.day, part, f.timezone);
		return { part, count: countPublicStarts(db, f.id, start.getTime(), end.getTime(), filter) };
	});
}
