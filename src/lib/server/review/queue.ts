import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { category, district, merchant, room, roomProduct } from '../../../../db/schema';
import type { MerchantStatus, RoomKind } from '../../shared/status';
import { MAX_DURATION_MS } from '../../shared/room-window';
import { getDayBounds } from '../../shared/time';
import type { Db } from '../db';
import type { Festival } from '../festival/current';

/** One page of a queue: a reviewer works through it oldest first. */
export const QUEUE_PAGE_SIZE = 50;

/** The states of a merchant's other rooms that can clash with a new one. */
export const LIVE_REVIEW_STATUSES = ['submitted', 'approved'] as const;

export interface QueueFilters {
	districtId?: number | undefined;
	categoryId?: number | undefined;
	/** Rooms only: the festival day they start on. */
	day?: string | undefined;
	/** Rooms only: the merchant's registration status. */
	merchantStatus?: MerchantStatus | undefined;
	/** Rooms only: the sessions already over (kept apart from those still to come). */
	ended?: boolean | undefined;
}

export interface RoomQueueItem {
	id: number;
	kind: RoomKind;
	title: string;
	startAt: Date;
	endAt: Date;
	/** When it was (re)submitted: the queue's order and the age shown. */
	submittedAt: Date;
	merchant: { id: number; name: string; status: MerchantStatus } | null;
	district: string;
	districtEn: string;
	category: string;
	categoryEn: string;
	products: number;
	/** Other submitted or approved rooms of the same merchant whose times overlap this one. */
	overlaps: number;
	/** Whether citizens could watch it once approved (deeplink/watchability.ts). */
	watchable: boolean;
}

const roomDistrict = alias(district, 'room_district');
const roomCategory = alias(category, 'room_category');
const other = alias(room, 'other_room');

/**
 * Which part of the queue: sessions not over yet (they end after `now`; a session lasts at most
 * MAX_DURATION_MS, which bounds the range of room_schedule_idx read), or those already over.
 */
function whenCondition(ended: boolean, now: Date): SQL {
	const t = now.getTime();
	return ended
		? sql`${room.endAt} <= ${t}`
		: sql`${room.startAt} > ${t - MAX_DURATION_MS} and ${room.endAt} > ${t}`;
}

function roomQueueWhere(f: Festival, filters: QueueFilters, now: Date): SQL {
	const conditions: (SQL | undefined)[] = [
		eq(room.festivalId, f.id),
		eq(room.reviewStatus, 'submitted'),
		whenCondition(filters.ended === true, now),
	];
	if (filters.districtId) conditions.push(eq(room.districtId, filters.districtId));
	if (filters.categoryId) conditions.push(eq(room.categoryId, filters.categoryId));
	if (filters.merchantStatus) conditions.push(eq(merchant.status, filters.merchantStatus));
	if (filters.day) {
		const { start, end } = getDayBounds(filters.day, f.timezone);
		conditions.push(
			sql`${room.startAt} >= ${start.getTime()} and ${room.startAt} < ${end.getTime()}`,
		);
	}
	return and(...conditions) as SQL;
}

/**
 * Rooms waiting for a decision by start time — the soonest first, so a session starting within the
 * hour is decided before tomorrow's; sessions already over come apart (`filters.ended`), the most
 * recent first — with what the list needs to triage (merchant standing, product count,
 * overlapping rooms), and the total. Read and counted on room_schedule_idx (festival, status,
 * start, end) in its own order. The page's ids come first
 * (SQLite computes a row's subqueries even for rows an OFFSET skips, so a one-statement page 100
 * of a 5,000-room backlog took seconds); then the details of those 50 only. An overlapping room
 * starts within the longest duration among the page's merchants' live rooms before this one,
 * which bounds each overlap count to a short range of `room_merchant_idx (merchant_id, start_at)`.
 */
export function listRoomQueue(
	db: Db,
	f: Festival,
	filters: QueueFilters,
	page: number,
	now: Date,
): { items: RoomQueueItem[]; total: number } {
	const where = roomQueueWhere(f, filters, now);
	const order = filters.ended
		? [desc(room.startAt), desc(room.id)]
		: [asc(room.startAt), asc(room.id)];
	// The merchant is joined only to filter by its standing: without it the count is read on
	// room_schedule_idx alone.
	const counted = db.select({ n: count() }).from(room);
	const total =
		(filters.merchantStatus
			? counted.leftJoin(merchant, eq(merchant.id, room.merchantId)).where(where)
			: counted.where(where)
		).get()?.n ?? 0;
	const ids = db
		.select({ id: room.id, merchantId: room.merchantId })
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(where)
		.orderBy(...order)
		.limit(QUEUE_PAGE_SIZE)
		.offset((page - 1) * QUEUE_PAGE_SIZE)
		.all();
	if (ids.length === 0) return { total, items: [] };
	const merchantIds = [
		...new Set(ids.flatMap((r) => (r.merchantId === null ? [] : [r.merchantId]))),
	];
	const longest =
		merchantIds.length === 0
			? 0
			: (db
					.select({ ms: sql<number | null>`max(${room.endAt} - ${room.startAt})` })
					.from(room)
					.where(
						and(
							inArray(room.merchantId, merchantIds),
							inArray(room.reviewStatus, LIVE_REVIEW_STATUSES),
						),
					)
					.get()?.ms ?? 0);
	const overlaps = db
		.select({ n: count() })
		.from(other)
		.where(
			and(
				eq(other.merchantId, room.merchantId),
				sql`${other.id} <> ${room.id}`,
				inArray(other.reviewStatus, LIVE_REVIEW_STATUSES),
				sql`${other.startAt} < ${room.endAt}`,
				sql`${other.startAt} > ${room.startAt} - ${sql.raw(String(Math.trunc(longest)))}`,
				sql`${other.endAt} > ${room.startAt}`,
			),
		);
	const products = db
		.select({ n: count() })
		.from(roomProduct)
		.where(eq(roomProduct.roomId, room.id));
	const rows = db
		.select({
			id: room.id,
			kind: room.kind,
			title: room.title,
			startAt: room.startAt,
			endAt: room.endAt,
			submittedAt: room.updatedAt,
			merchantId: merchant.id,
			merchantName: merchant.nameZh,
			merchantStatus: merchant.status,
			district: roomDistrict.nameZh,
			districtEn: roomDistrict.nameEn,
			category: roomCategory.nameZh,
			categoryEn: roomCategory.nameEn,
			products: sql<number>`(${products})`,
			overlaps: sql<number>`(${overlaps})`,
			watchable: room.watchable,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.innerJoin(roomDistrict, eq(roomDistrict.id, room.districtId))
		.innerJoin(roomCategory, eq(roomCategory.id, room.categoryId))
		.where(
			inArray(
				room.id,
				ids.map((r) => r.id),
			),
		)
		.orderBy(...order)
		.all();
	return {
		total,
		items: rows.map((r) => ({
			id: r.id,
			kind: r.kind,
			title: r.title,
			startAt: r.startAt,
			endAt: r.endAt,
			submittedAt: r.submittedAt,
			merchant:
				r.merchantId === null || r.merchantName === null || r.merchantStatus === null
					? null
					: { id: r.merchantId, name: r.merchantName, status: r.merchantStatus },
			district: r.district,
			districtEn: r.districtEn,
			category: r.category,
			categoryEn: r.categoryEn,
			products: Number(r.products),
			overlaps: Number(r.overlaps),
			watchable: r.watchable,
		})),
	};
}

export interface MerchantQueueItem {
	id: number;
	legalName: string;
	name: string;
	creditCode: string;
	appId: string;
	submittedAt: Date;
	district: string;
	districtEn: string;
	category: string;
	categoryEn: string;
	/** Rooms of this business waiting for review in the festival. */
	pendingRooms: number;
}

/** Registrations waiting for a decision, oldest first, in one statement, and the total. */
export function listMerchantQueue(
	db: Db,
	f: Festival,
	filters: QueueFilters,
	page: number,
): { items: MerchantQueueItem[]; total: number } {
	const conditions: SQL[] = [eq(merchant.status, 'pending')];
	if (filters.districtId) conditions.push(eq(merchant.districtId, filters.districtId));
	if (filters.categoryId) conditions.push(eq(merchant.categoryId, filters.categoryId));
	const where = and(...conditions);
	const pendingRooms = db
		.select({ n: count() })
		.from(room)
		.where(
			and(
				eq(room.merchantId, merchant.id),
				eq(room.festivalId, f.id),
				eq(room.reviewStatus, 'submitted'),
			),
		);
	const items = db
		.select({
			id: merchant.id,
			legalName: merchant.legalName,
			name: merchant.nameZh,
			creditCode: merchant.creditCode,
			appId: merchant.appId,
			submittedAt: merchant.updatedAt,
			district: district.nameZh,
			districtEn: district.nameEn,
			category: category.nameZh,
			categoryEn: category.nameEn,
			pendingRooms: sql<number>`(${pendingRooms})`,
		})
		.from(merchant)
		.innerJoin(district, eq(district.id, merchant.districtId))
		.innerJoin(category, eq(category.id, merchant.categoryId))
		.where(where)
		.orderBy(asc(merchant.updatedAt), asc(merchant.id))
		.limit(QUEUE_PAGE_SIZE)
		.offset((page - 1) * QUEUE_PAGE_SIZE)
		.all()
		.map((r) => ({ ...r, pendingRooms: Number(r.pendingRooms) }));
	const total = db.select({ n: count() }).from(merchant).where(where).get()?.n ?? 0;
	return { items, total };
}

/** Waiting rooms of the festival already over, apart from the rest (the queue's second list). */
export function countEndedInQueue(db: Db, f: Festival, now: Date, districtId?: number): number {
	return (
		db
			.select({ n: count() })
			.from(room)
			.where(and(roomQueueWhere(f, { ended: true, districtId }, now)))
			.get()?.n ?? 0
	);
}

/** How many items wait in each queue (the console's navigation and dashboard show them). */
export function countQueues(
	db: Db,
	f: Festival,
	districtId?: number,
): { rooms: number; merchants: number } {
	const rooms = db
		.select({ n: count() })
		.from(room)
		.where(
			and(
				eq(room.festivalId, f.id),
				eq(room.reviewStatus, 'submitted'),
				districtId === undefined ? undefined : eq(room.districtId, districtId),
			),
		)
		.get();
	const merchants = db
		.select({ n: count() })
		.from(merchant)
		.where(
			and(
				eq(merchant.status, 'pending'),
				districtId === undefined ? undefined : eq(merchant.districtId, districtId),
			),
		)
		.get();
	return { rooms: rooms?.n ?? 0, merchants: merchants?.n ?? 0 };
}
