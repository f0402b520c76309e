import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import { TALLY_SLOT_MS } from '../../../../db/schema/tally';
import { LIVE_STATUS_FRESH_MS } from '../../shared/live-phase';
import type { Db } from '../db';
import { getLivePhaseSql } from '../room/phase-sql';
import { countLiveNow, countPublicStarts } from '../room/tally';

/**
 * Counts for many venues at once (/venues, the home page's venue strip): a few statements for all
 * of them, each a range of venue_tally or of a room_venue index per venue — never the venues'
 * rooms. Per venue they equal room/tally.ts's counts with `{ venueId }` (a unit test compares).
 */

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(sqlite: Database.Database, source: string): Database.Statement {
	let byText = statements.get(sqlite);
	if (!byText) statements.set(sqlite, (byText = new Map()));
	let statement = byText.get(source);
	if (!statement) byText.set(source, (statement = sqlite.prepare(source)));
	return statement;
}

function sumBy(rows: unknown[], into: Map<number, number>, sign = 1): void {
	for (const row of rows as { venue: number; n: number }[]) {
		into.set(row.venue, (into.get(row.venue) ?? 0) + sign * row.n);
	}
}

/** Rooms of each venue live at `now` (as `countLiveNow(…, { venueId })`). */
export function countVenuesLiveNow(db: Db, venueIds: number[], now: Date): Map<number, number> {
	const counts = new Map(venueIds.map((id) => [id, 0]));
	if (venueIds.length === 0) return counts;
	const ids = JSON.stringify(venueIds);
	const t = now.getTime() + 1;
	const slot = Math.floor(t / TALLY_SLOT_MS);
	const sqlite = db.$client;
	sumBy(
		prepare(
			sqlite,
			`SELECT venue_id AS venue, sum(starts) - sum(ends) AS n FROM venue_tally
			WHERE venue_id IN (SELECT value FROM json_each(?)) AND slot < ? GROUP BY venue_id`,
		).all(ids, slot),
		counts,
	);
	for (const [edge, index, sign] of [
		['start_at', 'room_venue_start_idx', 1],
		['end_at', 'room_venue_end_idx', -1],
	] as const) {
		sumBy(
			prepare(
				sqlite,
				`SELECT venue_id AS venue, count(*) AS n FROM room_venue INDEXED BY ${index}
				WHERE venue_id IN (SELECT value FROM json_each(?)) AND ${edge} >= ? AND ${edge} < ?
				GROUP BY venue_id`,
			).all(ids, slot * TALLY_SLOT_MS, t),
			counts,
			sign,
		);
	}
	// The few rooms whose fresh WeChat status refines the schedule (as room/tally.ts corrects).
	const live = getLivePhaseSql(now);
	const scheduled = getLivePhaseSql(now, true);
	const rows = db.all<{ venue: number; n: number }>(
		sqlFresh(ids, now.getTime() - LIVE_STATUS_FRESH_MS, live, scheduled),
	);
	sumBy(rows, counts);
	return counts;
}

function sqlFresh(ids: string, since: number, live: SQL, scheduled: SQL): SQL {
	return sql`select rv.venue_id as venue, sum(${live} = 'live') - sum(${scheduled} = 'live') as n
		from ${room} indexed by room_public_status_idx
		inner join room_venue rv on rv.room_id = ${room.id}
		where ${room.isPublic} = 1 and ${room.liveStatusAt} is not null and ${room.liveStatusAt} >= ${since}
			and rv.venue_id in (select value from json_each(${ids}))
		group by rv.venue_id`;
}

/**
 * Rooms of each venue starting in [from, to): one grouped range of venue_tally when both ends lie
 * on tally slots (every festival day does in the zones in use), else per venue.
 */
export function countVenuesStarting(
	db: Db,
	festivalId: number,
	venueIds: number[],
	from: number,
	to: number,
): Map<number, number> {
	const counts = new Map(venueIds.map((id) => [id, 0]));
	if (venueIds.length === 0) return counts;
	if (from % TALLY_SLOT_MS !== 0 || to % TALLY_SLOT_MS !== 0) {
		for (const id of venueIds)
			counts.set(id, countPublicStarts(db, festivalId, from, to, { venueId: id }));
		return counts;
	}
	sumBy(
		prepare(
			db.$client,
			`SELECT venue_id AS venue, sum(starts) AS n FROM venue_tally
			WHERE venue_id IN (SELECT value FROM json_each(?)) AND slot >= ? AND slot < ? GROUP BY venue_id`,
		).all(JSON.stringify(venueIds), from / TALLY_SLOT_MS, to / TALLY_SLOT_MS),
		counts,
	);
	return counts;
}

/** One venue's rooms live now (room/tally.ts with the venue's tally). */
export function countVenueLiveNow(db: Db, festivalId: number, venueId: number, now: Date): number {
	return countLiveNow(db, festivalId, now, { venueId });
}
