import { and, asc, count, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { merchant, room } from '../../../../db/schema';
import type { RoomKind } from '../../shared/status';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { getPublicRoomCondition } from '../room/visibility';
import { yieldToEventLoop } from './loop-turn';

/** The rooms staff may feature on a day's home page (curating them: featured.ts). */

/** Rooms starting on the festival-zone `day`. */
export function dayCondition(f: Festival, day: string): SQL {
	const { start, end } = getDayBounds(day, f.timezone);
	return sql`${room.startAt} >= ${start.getTime()} and ${room.startAt} < ${end.getTime()}`;
}

export const CANDIDATES_PAGE_SIZE = 30;

export interface Candidate {
	id: number;
	kind: RoomKind;
	title: string;
	startAt: Date;
	endAt: Date;
	merchantName: string | null;
	/** Whether /go has a way in: an unwatchable room is listed, but cannot be featured. */
	watchable: boolean;
}

/** Rooms of the day read per step while looking for a text: a few milliseconds each. */
const TEXT_SCAN_ROWS = 2000;

interface CandidateFilters {
	districtId?: number | undefined;
	categoryId?: number | undefined;
	kind?: RoomKind | undefined;
	text?: string | undefined;
}

function filterConditions(filters: CandidateFilters): (SQL | undefined)[] {
	return [
		filters.districtId ? eq(room.districtId, filters.districtId) : undefined,
		filters.categoryId ? eq(room.categoryId, filters.categoryId) : undefined,
		filters.kind ? eq(room.kind, filters.kind) : undefined,
	];
}

function selectCandidates(db: Db, where: SQL | undefined) {
	return db
		.select({
			id: room.id,
			kind: room.kind,
			title: room.title,
			startAt: room.startAt,
			endAt: room.endAt,
			merchantName: merchant.nameZh,
			watchable: room.watchable,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(where)
		.orderBy(asc(room.startAt), asc(room.id));
}

/**
 * The ids of the day's candidates whose title or merchant name contains `text`, in time order:
 * a walk along `room_public_start_idx` in keyset steps of TEXT_SCAN_ROWS rooms with a turn of
 * the event loop between steps, since no index can answer "contains" (a busy day has 90,000
 * rooms, which one statement would read in about half a second).
 */
async function findTextMatches(
	db: Db,
	f: Festival,
	day: string,
	filters: CandidateFilters,
	text: string,
): Promise<number[]> {
	const { end } = getDayBounds(day, f.timezone);
	const hit = and(
		isNull(room.featuredRank),
		...filterConditions(filters),
		sql`(instr(${room.title}, ${text}) > 0 or instr(coalesce(${merchant.nameZh}, ''), ${text}) > 0)`,
	);
	const matches: number[] = [];
	let after = { startAt: getDayBounds(day, f.timezone).start.getTime() - 1, id: 0 };
	for (;;) {
		const rows = db
			.select({ id: room.id, startAt: sql<number>`${room.startAt}`, hit: sql<number>`${hit}` })
			.from(room)
			.leftJoin(merchant, eq(merchant.id, room.merchantId))
			.where(
				and(
					getPublicRoomCondition(f.id),
					sql`(${room.startAt}, ${room.id}) > (${after.startAt}, ${after.id})`,
					sql`${room.startAt} < ${end.getTime()}`,
				),
			)
			.orderBy(asc(room.startAt), asc(room.id))
			.limit(TEXT_SCAN_ROWS)
			.all();
		for (const r of rows) if (r.hit === 1) matches.push(r.id);
		if (rows.length < TEXT_SCAN_ROWS) return matches;
		after = rows.at(-1)!;
		await yieldToEventLoop();
	}
}

/**
 * Public rooms of the day that are not featured, in time order, optionally of one district,
 * category or kind, or whose title or merchant name contains `text` (plain text, no wildcards).
 * The page is an offset along `room_public_start_idx`; the total is a count over the partial
 * indexes less the day's few featured rooms, not a count of rows read one by one.
 */
export async function listCandidates(
	db: Db,
	f: Festival,
	day: string,
	filters: CandidateFilters,
	page: number,
): Promise<{ items: Candidate[]; total: number }> {
	const offset = (page - 1) * CANDIDATES_PAGE_SIZE;
	if (filters.text) {
		const ids = await findTextMatches(db, f, day, filters, filters.text);
		const shown = ids.slice(offset, offset + CANDIDATES_PAGE_SIZE);
		const items = shown.length === 0 ? [] : selectCandidates(db, inArray(room.id, shown)).all();
		return { items, total: ids.length };
	}
	const matching = and(
		getPublicRoomCondition(f.id),
		dayCondition(f, day),
		...filterConditions(filters),
	);
	const items = selectCandidates(db, and(matching, isNull(room.featuredRank)))
		.limit(CANDIDATES_PAGE_SIZE)
		.offset(offset)
		.all();
	const all = db.select({ n: count() }).from(room).where(matching).get()?.n ?? 0;
	const featured =
		db
			.select({ n: count() })
			.from(room)
			.where(and(matching, eq(room.festivalId, f.id), isNotNull(room.featuredRank)))
			.get()?.n ?? 0;
	return { items, total: all - featured };
}
