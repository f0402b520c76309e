import type Database from 'better-sqlite3';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import { TALLY_SLOT_MS } from '../../../../db/schema/tally';
import { LIVE_STATUS_FRESH_MS } from '../../shared/live-phase';
import type { PhaseFilter, RoomKind } from '../../shared/status';
import type { Db } from '../db';
import type { PublicRoomIndex } from './cards';
import { getLivePhaseSql } from './phase-sql';
import { getPublicRoomCondition } from './visibility';

/**
 * Counts of public rooms that cost the same at 2,000 rooms as at 270,000: sums over the tallies
 * the triggers keep (db/schema/tally.ts, 15-minute slots), plus an indexed count of the rooms in
 * the partial slots at either end of a range. Nothing here reads more than a slot's worth of
 * `room` rows.
 */

export interface TallyFilter {
	districtId?: number;
	categoryId?: number;
	kind?: RoomKind;
	/**
	 * A venue's rooms (room_venue and venue_tally, db/schema/venue.ts) instead of the festival's;
	 * with it only `kind` applies (a venue is already a choice of districts and categories).
	 */
	venueId?: number;
}

type Edge = 'start_at' | 'end_at';

/** Every instant a Date can hold (UTC ms): a range for counts over the whole festival. */
export const ALL_TIME = { from: 0, to: 8.64e15 } as const;

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepares each distinct statement once per connection. */
function prepare(sqlite: Database.Database, source: string): Database.Statement {
	let byText = statements.get(sqlite);
	if (!byText) statements.set(sqlite, (byText = new Map()));
	let statement = byText.get(source);
	if (!statement) byText.set(source, (statement = sqlite.prepare(source).pluck()));
	return statement;
}

function filterSql(filter: TallyFilter): { sql: string; params: (number | string)[] } {
	const terms: [string, number | string | undefined][] =
		filter.venueId !== undefined
			? [['kind', filter.kind]]
			: [
					['district_id', filter.districtId],
					['category_id', filter.categoryId],
					['kind', filter.kind],
				];
	const given = terms.filter(([, value]) => value !== undefined) as [string, number | string][];
	return {
		sql: given.map(([column]) => ` AND ${column} = ?`).join(''),
		params: given.map(([, value]) => value),
	};
}

/**
 * The public-room index that narrows a filter most, in start order: SQLite's sampled statistics
 * (`analysis_limit`) rate "tianhe and time-honoured" no better than "merchant", and a count read
 * on the kind index looked up 8,000 rows at the evening peak for 29 matches.
 */
export function filterIndex(filter: TallyFilter): PublicRoomIndex | undefined {
	if (filter.districtId !== undefined && filter.categoryId !== undefined)
		return 'room_public_district_category_idx';
	if (filter.districtId !== undefined) return 'room_public_district_idx';
	if (filter.categoryId !== undefined) return 'room_public_category_idx';
	if (filter.kind !== undefined) return 'room_public_kind_idx';
	return undefined;
}

/** `room INDEXED BY` the filter's index, or plain `room` without a filter. */
function filteredRoom(filter: TallyFilter): string {
	const index = filterIndex(filter);
	return index ? `room INDEXED BY ${index}` : 'room';
}

/** Rooms whose `edge` lies in [from, to), counted on the partial index over public rooms. */
function countExact(
	db: Db,
	festivalId: number,
	edge: Edge,
	from: number,
	to: number,
	filter: TallyFilter,
): number {
	if (to <= from) return 0;
	const f = filterSql(filter);
	if (filter.venueId !== undefined) {
		const index =
			edge === 'end_at'
				? 'room_venue_end_idx'
				: filter.kind
					? 'room_venue_kind_idx'
					: 'room_venue_start_idx';
		const source = `SELECT count(*) FROM room_venue INDEXED BY ${index} WHERE venue_id = ? AND ${edge} >= ? AND ${edge} < ?${f.sql}`;
		return prepare(db.$client, source).get(filter.venueId, from, to, ...f.params) as number;
	}
	// Ends are read on their own index; starts on the filter's.
	const table = edge === 'end_at' ? 'room INDEXED BY room_public_end_idx' : filteredRoom(filter);
	const source = `SELECT count(*) FROM ${table} WHERE festival_id = ? AND is_public = 1 AND ${edge} >= ? AND ${edge} < ?${f.sql}`;
	return prepare(db.$client, source).get(festivalId, from, to, ...f.params) as number;
}

/** Sum of the tally's starts or ends over whole slots [fromSlot, toSlot). */
function sumSlots(
	db: Db,
	festivalId: number,
	edge: Edge,
	fromSlot: number,
	toSlot: number,
	filter: TallyFilter,
): number {
	if (toSlot <= fromSlot) return 0;
	const column = edge === 'start_at' ? 'starts' : 'ends';
	const f = filterSql(filter);
	if (filter.venueId !== undefined) {
		const source = `SELECT coalesce(sum(${column}), 0) FROM venue_tally WHERE venue_id = ? AND slot >= ? AND slot < ?${f.sql}`;
		return prepare(db.$client, source).get(filter.venueId, fromSlot, toSlot, ...f.params) as number;
	}
	const table = f.params.length === 0 ? 'room_slot_tally' : 'room_tally';
	const source = `SELECT coalesce(sum(${column}), 0) FROM ${table} WHERE festival_id = ? AND slot >= ? AND slot < ?${f.sql}`;
	return prepare(db.$client, source).get(festivalId, fromSlot, toSlot, ...f.params) as number;
}

function countEdges(
	db: Db,
	festivalId: number,
	edge: Edge,
	from: number,
	to: number,
	filter: TallyFilter,
): number {
	if (to <= from) return 0;
	const firstWhole = Math.ceil(from / TALLY_SLOT_MS);
	const endWhole = Math.floor(to / TALLY_SLOT_MS);
	if (endWhole <= firstWhole) return countExact(db, festivalId, edge, from, to, filter);
	return (
		countExact(db, festivalId, edge, from, firstWhole * TALLY_SLOT_MS, filter) +
		sumSlots(db, festivalId, edge, firstWhole, endWhole, filter) +
		countExact(db, festivalId, edge, endWhole * TALLY_SLOT_MS, to, filter)
	);
}

/** Public rooms of the festival starting in [from, to) (UTC ms), optionally filtered. */
export function countPublicStarts(
	db: Db,
	festivalId: number,
	from: number,
	to: number,
	filter: TallyFilter = {},
): number {
	return countEdges(db, festivalId, 'start_at', from, to, filter);
}

/**
 * Public rooms live at `now`, whatever day they started (optionally filtered): by the schedule,
 * those started and not yet ended (starts minus ends up to `now`, from the tally), corrected for
 * the few rooms whose fresh WeChat status refines the schedule (shared/phase-rule.ts), which an
 * index on `live_status_at` finds. Home's "live now", today's live schedule and search agree on it.
 */
export function countLiveNow(
	db: Db,
	festivalId: number,
	now: Date,
	filter: TallyFilter = {},
): number {
	const t = now.getTime() + 1;
	const scheduled =
		countEdges(db, festivalId, 'start_at', 0, t, filter) -
		countEdges(db, festivalId, 'end_at', 0, t, filter);
	return scheduled + countFreshPhaseCorrection(db, festivalId, ALL_TIME, 'live', now, filter);
}

/**
 * Public rooms starting in [from, to) that are in `phase` at `now` (schedule, filters and fresh
 * plugin statuses as on the schedule page), without reading the range's rows: by the schedule,
 * upcoming rooms are those starting after `now`, ended ones those whose end has passed (from the
 * span tally, or a filter's index), live ones the rest of those started; then the fresh-status
 * correction, as for `countLiveNow`.
 */
export function countDayPhase(
	db: Db,
	festivalId: number,
	range: { from: number; to: number },
	phase: PhaseFilter,
	now: Date,
	filter: TallyFilter = {},
): number {
	const t = now.getTime();
	const { from, to } = range;
	let scheduled: number;
	if (phase === 'upcoming') {
		scheduled = countEdges(db, festivalId, 'start_at', Math.max(from, t + 1), to, filter);
	} else {
		const ended = countEndedBy(db, festivalId, range, t, filter);
		scheduled =
			phase === 'ended'
				? ended
				: countEdges(db, festivalId, 'start_at', from, Math.min(to, t + 1), filter) - ended;
	}
	return scheduled + countFreshPhaseCorrection(db, festivalId, range, phase, now, filter);
}

/** Rooms starting in [from, to) whose scheduled end is at or before `t`. */
function countEndedBy(
	db: Db,
	festivalId: number,
	range: { from: number; to: number },
	t: number,
	filter: TallyFilter,
): number {
	if (t <= range.from) return 0;
	if (filter.venueId !== undefined)
		return countVenueEndedOnIndex(db, filter.venueId, range, t, filter);
	const aligned = range.from % TALLY_SLOT_MS === 0 && range.to % TALLY_SLOT_MS === 0;
	const filtered = filterSql(filter).params.length > 0;
	if (aligned && !filtered) return countEndedFromSpans(db, festivalId, range, t);
	// Merchant rooms are all rooms but the few showcases: two cheap counts, not one long one.
	if (
		aligned &&
		filter.kind === 'merchant' &&
		filterSql({ ...filter, kind: undefined }).params.length === 0
	) {
		return (
			countEndedFromSpans(db, festivalId, range, t) -
			countEndedOnIndex(db, festivalId, range, t, { kind: 'showcase' })
		);
	}
	return countEndedOnIndex(db, festivalId, range, t, filter);
}

/**
 * From the span tally: pairs starting in the range whose end slot is over by `t`, plus the rooms
 * of the range that end in `t`'s own slot up to `t` (one slot of room_public_end_idx).
 */
function countEndedFromSpans(
	db: Db,
	festivalId: number,
	{ from, to }: { from: number; to: number },
	t: number,
): number {
	const endSlot = Math.floor((t + 1) / TALLY_SLOT_MS);
	const whole = prepare(
		db.$client,
		`SELECT coalesce(sum(rooms), 0) FROM room_span_tally
		WHERE festival_id = ? AND start_slot >= ? AND start_slot < ? AND end_slot < ?`,
	).get(festivalId, from / TALLY_SLOT_MS, to / TALLY_SLOT_MS, endSlot) as number;
	const partial = prepare(
		db.$client,
		`SELECT count(*) FROM room INDEXED BY room_public_end_idx WHERE festival_id = ? AND is_public = 1
		AND end_at >= ? AND end_at <= ? AND start_at >= ? AND start_at < ?`,
	).get(festivalId, endSlot * TALLY_SLOT_MS, t, from, to) as number;
	return whole + partial;
}

/** The same count on a filter's index (district, category, kind: each carries end_at). */
function countEndedOnIndex(
	db: Db,
	festivalId: number,
	{ from, to }: { from: number; to: number },
	t: number,
	filter: TallyFilter,
): number {
	const f = filterSql(filter);
	const source = `SELECT count(*) FROM ${filteredRoom(filter)} WHERE festival_id = ? AND is_public = 1 AND start_at >= ? AND start_at < ? AND end_at <= ?${f.sql}`;
	return prepare(db.$client, source).get(festivalId, from, to, t, ...f.params) as number;
}

/** A venue's rooms starting in the range and ended by `t`, on room_venue_start_idx (or kind's). */
function countVenueEndedOnIndex(
	db: Db,
	venueId: number,
	{ from, to }: { from: number; to: number },
	t: number,
	filter: TallyFilter,
): number {
	const f = filterSql(filter);
	const index = filter.kind ? 'room_venue_kind_idx' : 'room_venue_start_idx';
	const source = `SELECT count(*) FROM room_venue INDEXED BY ${index} WHERE venue_id = ? AND start_at >= ? AND start_at < ? AND end_at <= ?${f.sql}`;
	return prepare(db.$client, source).get(venueId, from, to, t, ...f.params) as number;
}

/** The longest public room of the festival in ms (one step on room_public_duration_idx). */
export function findLongestDuration(db: Db, festivalId: number): number {
	return prepare(
		db.$client,
		'SELECT coalesce(max(end_at - start_at), 0) FROM room WHERE festival_id = ? AND is_public = 1',
	).get(festivalId) as number;
}

/** Among rooms of the range with a fresh plugin status: in the phase by status, less by schedule. */
function countFreshPhaseCorrection(
	db: Db,
	festivalId: number,
	{ from, to }: { from: number; to: number },
	phase: PhaseFilter,
	now: Date,
	filter: TallyFilter,
): number {
	const t = now.getTime();
	const inPhase = (phaseSql: SQL) =>
		phase === 'ended' ? sql`${phaseSql} in ('ended', 'replay')` : sql`${phaseSql} = ${phase}`;
	const byStatus = inPhase(getLivePhaseSql(now));
	const bySchedule = inPhase(getLivePhaseSql(now, true));
	const row = db
		.select({ n: sql<number>`coalesce(sum(${byStatus}) - sum(${bySchedule}), 0)` })
		.from(room)
		.where(
			and(
				getPublicRoomCondition(festivalId),
				gte(room.liveStatusAt, new Date(t - LIVE_STATUS_FRESH_MS)),
				gte(room.startAt, new Date(from)),
				lt(room.startAt, new Date(to)),
				filter.venueId === undefined && filter.districtId !== undefined
					? eq(room.districtId, filter.districtId)
					: undefined,
				filter.venueId === undefined && filter.categoryId !== undefined
					? eq(room.categoryId, filter.categoryId)
					: undefined,
				filter.kind === undefined ? undefined : eq(room.kind, filter.kind),
				filter.venueId === undefined
					? undefined
					: sql`exists (select 1 from room_venue rv where rv.room_id = ${room.id} and rv.venue_id = ${filter.venueId})`,
			),
		)
		.get();
	return row?.n ?? 0;
}
