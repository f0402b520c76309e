import { and, asc, count, eq, sum } from 'drizzle-orm';
import { category, deeplinkOpen, district, merchant, room } from '../../../../db/schema';
import { DEEPLINK_CHANNELS, MERCHANT_STATUSES, REVIEW_STATUSES } from '../../shared/status';
import type { DeeplinkChannel, MerchantStatus, ReviewStatus } from '../../shared/status';
import { getDayKey, getInstantFromZoned } from '../../shared/time';
import type { Db } from '../db';
import { listFestivalDays, type Festival } from '../festival/current';

/**
 * The festival in numbers, for the console's dashboard. The schedule counts (heat-map, districts,
 * categories) are of approved rooms: what the public schedule holds once merchants are approved.
 * A fixed number of statements, whatever the festival's size.
 */

export interface NamedCount {
	label: { zh: string; en: string };
	count: number;
}

export interface BacklogBucket {
	/** Upper bound of the bucket's age in hours; null for the last, open-ended one. */
	maxHours: number | null;
	rooms: number;
	merchants: number;
}

export interface Dashboard {
	days: string[];
	/** `heat[d][h]`: approved rooms starting on day `d` in hour `h` (festival zone). */
	heat: number[][];
	byDistrict: NamedCount[];
	byCategory: NamedCount[];
	roomsByStatus: Record<ReviewStatus, number>;
	merchantsByStatus: Record<MerchantStatus, number>;
	backlog: BacklogBucket[];
	/** The oldest item waiting, or null when nothing waits. */
	oldestWaitingAt: Date | null;
	/** New registrations per day (festival zone), from the first one to today. */
	registrations: { day: string; count: number }[];
	opens: { channel: DeeplinkChannel; count: number }[];
	opensTotal: number;
}

const BACKLOG_HOURS = [1, 6, 24, 72, null] as const;

/** Hour boundaries of every festival day, so instants bucket by binary search, DST-proof. */
function hourEdges(days: string[], timeZone: string): number[] {
	const edges: number[] = [];
	for (const day of days) {
		for (let h = 0; h < 24; h += 1) edges.push(getInstantFromZoned(day, h, 0, timeZone).getTime());
	}
	return edges;
}

function bucketOf(edges: number[], t: number): number {
	let lo = 0;
	let hi = edges.length - 1;
	if (t < edges[0]!) return -1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (edges[mid]! <= t) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

export function loadDashboard(db: Db, f: Festival, now: Date): Dashboard {
	const days = listFestivalDays(f);
	const heat = days.map(() => Array.from({ length: 24 }, () => 0));
	const edges = hourEdges(days, f.timezone);
	const end = getInstantFromZoned(days.at(-1)!, 23, 59, f.timezone).getTime() + 60_000;
	const starts = db
		.select({ startAt: room.startAt })
		.from(room)
		.where(and(eq(room.festivalId, f.id), eq(room.reviewStatus, 'approved')))
		.all();
	for (const { startAt } of starts) {
		const t = startAt.getTime();
		if (t >= end) continue;
		const b = bucketOf(edges, t);
		if (b >= 0) heat[Math.floor(b / 24)]![b % 24]! += 1;
	}

	const approved = and(eq(room.festivalId, f.id), eq(room.reviewStatus, 'approved'));
	const byDistrict = db
		.select({ zh: district.nameZh, en: district.nameEn, count: count(room.id) })
		.from(district)
		.leftJoin(room, and(eq(room.districtId, district.id), approved))
		.where(eq(district.city, f.city))
		.groupBy(district.id)
		.orderBy(asc(district.sort), asc(district.id))
		.all()
		.map((r) => ({ label: { zh: r.zh, en: r.en }, count: r.count }));
	const byCategory = db
		.select({ zh: category.nameZh, en: category.nameEn, count: count(room.id) })
		.from(category)
		.leftJoin(room, and(eq(room.categoryId, category.id), approved))
		.groupBy(category.id)
		.orderBy(asc(category.sort), asc(category.id))
		.all()
		.map((r) => ({ label: { zh: r.zh, en: r.en }, count: r.count }));

	const roomsByStatus = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<
		ReviewStatus,
		number
	>;
	for (const r of db
		.select({ status: room.reviewStatus, n: count() })
		.from(room)
		.where(eq(room.festivalId, f.id))
		.groupBy(room.reviewStatus)
		.all())
		roomsByStatus[r.status] = r.n;

	const merchantRows = db
		.select({
			status: merchant.status,
			createdAt: merchant.createdAt,
			updatedAt: merchant.updatedAt,
		})
		.from(merchant)
		.all();
	const merchantsByStatus = Object.fromEntries(MERCHANT_STATUSES.map((s) => [s, 0])) as Record<
		MerchantStatus,
		number
	>;
	for (const m of merchantRows) merchantsByStatus[m.status] += 1;

	const backlog: BacklogBucket[] = BACKLOG_HOURS.map((maxHours) => ({
		maxHours,
		rooms: 0,
		merchants: 0,
	}));
	let oldest: number | null = null;
	const place = (at: Date, key: 'rooms' | 'merchants') => {
		const hours = (now.getTime() - at.getTime()) / 3_600_000;
		const bucket = backlog.find((b) => b.maxHours === null || hours < b.maxHours)!;
		bucket[key] += 1;
		oldest = oldest === null ? at.getTime() : Math.min(oldest, at.getTime());
	};
	for (const r of db
		.select({ at: room.updatedAt })
		.from(room)
		.where(and(eq(room.festivalId, f.id), eq(room.reviewStatus, 'submitted')))
		.all())
		place(r.at, 'rooms');
	for (const m of merchantRows) if (m.status === 'pending') place(m.updatedAt, 'merchants');

	const perDay = new Map<string, number>();
	for (const m of merchantRows) {
		const day = getDayKey(m.createdAt, f.timezone);
		perDay.set(day, (perDay.get(day) ?? 0) + 1);
	}
	const registrations = [...perDay.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([day, n]) => ({ day, count: n }));

	const openRows = db
		.select({ channel: deeplinkOpen.channel, n: sum(deeplinkOpen.count) })
		.from(deeplinkOpen)
		.innerJoin(room, eq(room.id, deeplinkOpen.roomId))
		.where(eq(room.festivalId, f.id))
		.groupBy(deeplinkOpen.channel)
		.all();
	const opens = DEEPLINK_CHANNELS.map((channel) => ({
		channel,
		count: Number(openRows.find((r) => r.channel === channel)?.n ?? 0),
	}));
	return {
		days,
		heat,
		byDistrict,
		byCategory,
		roomsByStatus,
		merchantsByStatus,
		backlog,
		oldestWaitingAt: oldest === null ? null : new Date(oldest),
		registrations,
		opens,
		opensTotal: opens.reduce((s, o) => s + o.count, 0),
	};
}
