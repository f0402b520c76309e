import { and, count, eq, gt, gte, inArray, lt, min, sql } from 'drizzle-orm';
import {
	deeplinkOpen,
	merchant,
	openChannelTally,
	room,
	roomSlotTally,
} from '../../../../db/schema';
import { TALLY_SLOT_MS } from '../../../../db/schema/tally';
import { DEEPLINK_CHANNELS, MERCHANT_STATUSES, REVIEW_STATUSES } from '../../shared/status';
import type { DeeplinkChannel, MerchantStatus, ReviewStatus } from '../../shared/status';
import { getInstantFromZoned } from '../../shared/time';
import type { Db } from '../db';
import { listFestivalDays, listReferenceData, type Festival } from '../festival/current';
import { yieldToEventLoop } from './loop-turn';
import { countRegistrationsPerDay } from './registrations';
import { findBucket, listHourEdges } from './time-buckets';

/**
 * The festival in numbers, for the console's dashboard, in a fixed number of indexed statements
 * whatever the festival's size (≈20 ms at 270,000 rooms instead of 24 s). The schedule counts
 * (heat-map, districts, categories) are of PUBLIC rooms — approved rooms whose merchant is
 * approved, what visitors see — because they come from `room_tally`, which triggers keep in the
 * same transaction as every write (db/schema/tally.ts), never from a scan of `room`. Statuses and
 * backlog ages are counts over the `(festival, review_status, …)` and `(status, …)` indexes.
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
	/** `heat[d][h]`: public rooms starting on day `d` in hour `h` (festival zone). */
	heat: number[][];
	/** Public rooms per district of the festival's city. */
	byDistrict: NamedCount[];
	/** Public rooms per category. */
	byCategory: NamedCount[];
	roomsByStatus: Record<ReviewStatus, number>;
	merchantsByStatus: Record<MerchantStatus, number>;
	backlog: BacklogBucket[];
	/** The oldest item waiting, or null when nothing waits. */
	oldestWaitingAt: Date | null;
	/** New registrations per day (festival zone), every day from the first to the last, in order. */
	registrations: { day: string; count: number }[];
	opens: { channel: DeeplinkChannel; count: number }[];
	opensTotal: number;
}

const BACKLOG_HOURS = [1, 6, 24, 72, null] as const;

/**
 * Public starts per festival-zone day and hour: the slot tally between the first and last hour
 * edges (every UTC offset in use is a multiple of 15 minutes, so zone hours are whole slots).
 */
function loadHeat(db: Db, f: Festival, days: string[], districtId?: number): number[][] {
	const heat = days.map(() => Array.from({ length: 24 }, () => 0));
	const edges = listHourEdges(days, f.timezone);
	const end = getInstantFromZoned(days.at(-1)!, 23, 59, f.timezone).getTime() + 60_000;
	const from = Math.floor(edges[0]! / TALLY_SLOT_MS);
	const to = Math.ceil(end / TALLY_SLOT_MS);
	const slots =
		districtId === undefined
			? db
					.select({ slot: roomSlotTally.slot, starts: roomSlotTally.starts })
					.from(roomSlotTally)
					.where(
						and(
							eq(roomSlotTally.festivalId, f.id),
							gte(roomSlotTally.slot, from),
							lt(roomSlotTally.slot, to),
							gt(roomSlotTally.starts, 0),
						),
					)
					.all()
			: // One district: its rows of room_tally_district_idx, summed per slot.
				db.all<{ slot: number; starts: number }>(
					sql`select slot, sum(starts) as starts from room_tally indexed by room_tally_district_idx
						where festival_id = ${f.id} and district_id = ${districtId}
							and slot >= ${from} and slot < ${to} group by slot`,
				);
	for (const { slot, starts } of slots) {
		const b = findBucket(edges, slot * TALLY_SLOT_MS);
		if (b >= 0) heat[Math.floor(b / 24)]![b % 24]! += starts;
	}
	return heat;
}

/**
 * Public rooms per district and per category: one pass over the festival's tally rows, read in
 * table order (`not indexed`): a few tens of thousands of small rows, four times cheaper in
 * sequence than through the primary key with a lookup per row.
 */
function loadPlaces(
	db: Db,
	f: Festival,
	districtId?: number,
): { byDistrict: NamedCount[]; byCategory: NamedCount[] } {
	const rows =
		districtId === undefined
			? db.all<{ d: number; c: number; n: number }>(
					sql`select district_id d, category_id c, sum(starts) n from room_tally not indexed
						where festival_id = ${f.id} group by district_id, category_id`,
				)
			: db.all<{ d: number; c: number; n: number }>(
					sql`select district_id d, category_id c, sum(starts) n
						from room_tally indexed by room_tally_district_idx
						where festival_id = ${f.id} and district_id = ${districtId} group by category_id`,
				);
	const perDistrict = new Map<number, number>();
	const perCategory = new Map<number, number>();
	for (const { d, c, n } of rows) {
		perDistrict.set(d, (perDistrict.get(d) ?? 0) + n);
		perCategory.set(c, (perCategory.get(c) ?? 0) + n);
	}
	const { districts, categories } = listReferenceData(db, f);
	return {
		byDistrict: districts
			.filter((d) => districtId === undefined || d.id === districtId)
			.map((d) => ({
				label: { zh: d.nameZh, en: d.nameEn },
				count: perDistrict.get(d.id) ?? 0,
			})),
		byCategory: categories.map((c) => ({
			label: { zh: c.nameZh, en: c.nameEn },
			count: perCategory.get(c.id) ?? 0,
		})),
	};
}

/** `case when at > now − 1 h then 0 … else 4 end`: the backlog bucket of a waiting item. */
function bucketSql(at: typeof room.updatedAt | typeof merchant.updatedAt, now: Date) {
	const whens = BACKLOG_HOURS.slice(0, -1).map(
		(hours, i) => sql`when ${at} > ${now.getTime() - hours! * 3_600_000} then ${i}`,
	);
	return sql<number>`case ${sql.join(whens, sql` `)} else ${BACKLOG_HOURS.length - 1} end`;
}

/** Waiting rooms and registrations by age bucket, and the oldest of them. */
function loadBacklog(
	db: Db,
	f: Festival,
	now: Date,
	districtId?: number,
): { backlog: BacklogBucket[]; oldest: number | null } {
	const backlog: BacklogBucket[] = BACKLOG_HOURS.map((maxHours) => ({
		maxHours,
		rooms: 0,
		merchants: 0,
	}));
	let oldest: number | null = null;
	const add = (key: 'rooms' | 'merchants', rows: { b: number; n: number; at: Date | null }[]) => {
		for (const r of rows) {
			backlog[r.b]![key] += r.n;
			if (r.at) oldest = Math.min(oldest ?? r.at.getTime(), r.at.getTime());
		}
	};
	const roomBucket = bucketSql(room.updatedAt, now);
	add(
		'rooms',
		db
			.select({ b: roomBucket, n: count(), at: min(room.updatedAt) })
			.from(room)
			.where(
				and(
					eq(room.festivalId, f.id),
					eq(room.reviewStatus, 'submitted'),
					districtId === undefined ? undefined : eq(room.districtId, districtId),
				),
			)
			.groupBy(roomBucket)
			.all(),
	);
	const merchantBucket = bucketSql(merchant.updatedAt, now);
	add(
		'merchants',
		db
			.select({ b: merchantBucket, n: count(), at: min(merchant.updatedAt) })
			.from(merchant)
			.where(
				and(
					eq(merchant.status, 'pending'),
					districtId === undefined ? undefined : eq(merchant.districtId, districtId),
				),
			)
			.groupBy(merchantBucket)
			.all(),
	);
	return { backlog, oldest };
}

/**
 * Rooms by review status without counting the approved ones row by row (all 270,000 of them):
 * approved = public (the slot tally's sum) + approved rooms that are not public because their
 * merchant is not approved (room_hidden_approved_idx); the other statuses are short
 * ranges of `room_schedule_idx (festival_id, review_status, start_at)`.
 */
function loadStatuses(
	db: Db,
	f: Festival,
	districtId?: number,
): {
	roomsByStatus: Record<ReviewStatus, number>;
	merchantsByStatus: Record<MerchantStatus, number>;
} {
	const roomsByStatus = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<
		ReviewStatus,
		number
	>;
	const others = REVIEW_STATUSES.filter((s) => s !== 'approved');
	for (const r of db
		.select({ status: room.reviewStatus, n: count() })
		.from(room)
		.where(
			and(
				eq(room.festivalId, f.id),
				inArray(room.reviewStatus, others),
				districtId === undefined ? undefined : eq(room.districtId, districtId),
			),
		)
		.groupBy(room.reviewStatus)
		.all())
		roomsByStatus[r.status] = r.n;
	const publicRooms =
		districtId === undefined
			? db
					.select({ n: sql<number>`coalesce(sum(${roomSlotTally.starts}), 0)` })
					.from(roomSlotTally)
					.where(eq(roomSlotTally.festivalId, f.id))
					.get()
			: db.get<{ n: number }>(
					sql`select coalesce(sum(starts), 0) as n from room_tally indexed by room_tally_district_idx
						where festival_id = ${f.id} and district_id = ${districtId}`,
				);
	// The literals match room_hidden_approved_idx's WHERE (a bound value would not).
	const hidden = db
		.select({ n: count() })
		.from(room)
		.where(
			and(
				eq(room.festivalId, f.id),
				sql`${room.reviewStatus} = 'approved' and ${room.isPublic} = 0`,
				districtId === undefined ? undefined : eq(room.districtId, districtId),
			),
		)
		.get();
	roomsByStatus.approved = (publicRooms?.n ?? 0) + (hidden?.n ?? 0);
	const merchantsByStatus = Object.fromEntries(MERCHANT_STATUSES.map((s) => [s, 0])) as Record<
		MerchantStatus,
		number
	>;
	for (const m of db
		.select({ status: merchant.status, n: count() })
		.from(merchant)
		.where(districtId === undefined ? undefined : eq(merchant.districtId, districtId))
		.groupBy(merchant.status)
		.all())
		merchantsByStatus[m.status] = m.n;
	return { roomsByStatus, merchantsByStatus };
}

/**
 * Opens of public rooms per channel. For the festival, from the per-channel totals triggers keep
 * with every counted open (db/migrations/0041_result_tally.sql): four rows, whatever its size. For
 * one district (district staff), from the counter rows of that district's rooms: the totals have
 * no district, and a district's rooms are a twelfth of the festival.
 */
function loadOpens(
	db: Db,
	f: Festival,
	districtId?: number,
): { channel: DeeplinkChannel; count: number }[] {
	const rows =
		districtId === undefined
			? db
					.select({ channel: openChannelTally.channel, n: openChannelTally.opens })
					.from(openChannelTally)
					.where(eq(openChannelTally.festivalId, f.id))
					.all()
			: db
					.select({ channel: deeplinkOpen.channel, n: sql<number>`sum(${deeplinkOpen.count})` })
					.from(deeplinkOpen)
					.where(
						sql`exists (select 1 from ${room} where ${room.id} = ${deeplinkOpen.roomId} and ${room.festivalId} = ${f.id} and ${room.districtId} = ${districtId})`,
					)
					.groupBy(deeplinkOpen.channel)
					.all();
	return DEEPLINK_CHANNELS.map((channel) => ({
		channel,
		count: Number(rows.find((r) => r.channel === channel)?.n ?? 0),
	}));
}

/** How long figures computed at one instant serve later requests when nothing was written since. */
const REUSE_MS = 5_000;

/** The last dashboard per connection, with the database state and instant it was computed for. */
const lastComputed = new WeakMap<Db, { state: string; at: number; dashboard: Dashboard }>();

/**
 * What the database holds, as far as this connection can tell: `data_version` changes with every
 * commit of another connection (a second portal process, a script), `total_changes()` with every
 * row this one wrote. Equal states mean equal figures.
 */
function readDatabaseState(db: Db, f: Festival): string {
	const sqlite = db.$client;
	const version = sqlite.pragma('data_version', { simple: true }) as number;
	const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
	return `${f.id}:${version}:${changes}`;
}

/**
 * Everything the dashboard shows, at `now` (of one district only with `districtId`, for district
 * staff: the same statements narrowed to that district's tally rows and indexes). Asynchronous: it gives the event loop a turn between
 * its parts, so visitors' requests are served between statements (each a few milliseconds to
 * ~20 ms at 270,000 rooms) rather than after all of them. Staff refreshing an unchanged festival
 * within 5 s get the figures already computed (the backlog's ages are then up to 5 s old); any
 * write, from any process, means a new computation.
 */
export async function loadDashboard(
	db: Db,
	f: Festival,
	now: Date,
	districtId?: number,
): Promise<Dashboard> {
	const state = `${readDatabaseState(db, f)}:${districtId ?? 'all'}`;
	const last = lastComputed.get(db);
	const age = now.getTime() - (last?.at ?? 0);
	if (last && last.state === state && age >= 0 && age < REUSE_MS) return last.dashboard;
	// The state read before computing: a write made meanwhile makes the next request compute.
	const dashboard = await computeDashboard(db, f, now, districtId);
	lastComputed.set(db, { state, at: now.getTime(), dashboard });
	return dashboard;
}

async function computeDashboard(
	db: Db,
	f: Festival,
	now: Date,
	districtId?: number,
): Promise<Dashboard> {
	const days = listFestivalDays(f);
	const heat = loadHeat(db, f, days, districtId);
	await yieldToEventLoop();
	const places = loadPlaces(db, f, districtId);
	await yieldToEventLoop();
	const statuses = loadStatuses(db, f, districtId);
	await yieldToEventLoop();
	const { backlog, oldest } = loadBacklog(db, f, now, districtId);
	await yieldToEventLoop();
	const registrations = countRegistrationsPerDay(db, f.timezone, districtId);
	await yieldToEventLoop();
	const opens = loadOpens(db, f, districtId);
	return {
		days,
		heat,
		...places,
		...statuses,
		backlog,
		oldestWaitingAt: oldest === null ? null : new Date(oldest),
		registrations,
		opens,
		opensTotal: opens.reduce((s, o) => s + o.count, 0),
	};
}
