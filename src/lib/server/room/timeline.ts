import type Database from 'better-sqlite3';
import { TALLY_SLOT_MS } from '../../../../db/schema/tally';
import type { Bilingual, RoomCard } from '../../shared/room-card';
import { getInstantFromZoned, getDayKey, getZonedParts } from '../../shared/time';
import type { Db } from '../db';
import type { District, Festival } from '../festival/current';
import { listRoomCards } from './cards';

/**
 * "Now and next", EPG style: one row per district, the hours around now as columns, in each row
 * the rooms on air now and the next to start. Bounded whatever the festival's size: each row shows
 * at most NOW_PER_ROW + NEXT_PER_ROW rooms (read by one statement of two short index seeks per
 * district), the rest of the row's window is a count from the tally.
 */

/** The window: from the start of the hour before now to three hours after the current hour. */
const HOURS_BEFORE = 1;
const HOURS_AFTER = 3;
const NOW_PER_ROW = 1;
const NEXT_PER_ROW = 1;
/** A room on air now that started longer ago than this is left out of the rows (marathons). */
const NOW_LOOKBACK_MS = 4 * 60 * 60_000;

export interface TimelineRoom {
	card: RoomCard;
	/** On air now (else next to start). */
	now: boolean;
	/** Which line of its row it is drawn on, so rooms that overlap in time don't overlap on screen. */
	lane: number;
}

export interface TimelineRow {
	district: { code: string; name: Bilingual };
	rooms: TimelineRoom[];
	lanes: number;
	/** Rooms of the district starting inside the window, shown or not. */
	startingInWindow: number;
}

export interface Timeline {
	from: Date;
	to: Date;
	now: Date;
	/** The hour marks of the window. */
	hours: Date[];
	rows: TimelineRow[];
}

const statements = new WeakMap<Database.Database, Map<number, Database.Statement>>();

/** One statement for all districts: per district, the latest on-air starts and the next starts. */
function roomIdsStatement(sqlite: Database.Database, districts: number): Database.Statement {
	let byCount = statements.get(sqlite);
	if (!byCount) statements.set(sqlite, (byCount = new Map()));
	let statement = byCount.get(districts);
	if (!statement) {
		const from = 'FROM room INDEXED BY room_public_district_idx';
		const base = 'festival_id = @festival AND is_public = 1 AND district_id = ?';
		const arms = Array.from({ length: districts }, () =>
			[
				`SELECT * FROM (SELECT id, district_id AS district, 0 AS next ${from} WHERE ${base}`,
				`AND start_at > @since AND start_at <= @now AND end_at > @now`,
				`ORDER BY start_at DESC LIMIT ${NOW_PER_ROW})`,
				`UNION ALL SELECT * FROM (SELECT id, district_id AS district, 1 AS next ${from}`,
				`WHERE ${base}`,
				`AND start_at > @now AND start_at < @until ORDER BY start_at LIMIT ${NEXT_PER_ROW})`,
			].join(' '),
		);
		statement = sqlite.prepare(arms.join(' UNION ALL '));
		byCount.set(districts, statement);
	}
	return statement;
}

const countStatements = new WeakMap<Database.Database, Database.Statement>();

/**
 * Public rooms starting in [from, to) per district, from the tally (whole slots): one range of
 * the covering room_tally_district_idx per district.
 */
function countStartsByDistrict(
	db: Db,
	festivalId: number,
	districts: District[],
	from: number,
	to: number,
): Map<number, number> {
	let statement = countStatements.get(db.$client);
	if (!statement) {
		statement = db.$client.prepare(
			`SELECT district_id AS district, sum(starts) AS n
			FROM room_tally INDEXED BY room_tally_district_idx
			WHERE festival_id = ? AND district_id IN (SELECT value FROM json_each(?))
				AND slot >= ? AND slot < ? GROUP BY district_id`,
		);
		countStatements.set(db.$client, statement);
	}
	const rows = statement.all(
		festivalId,
		JSON.stringify(districts.map((d) => d.id)),
		from / TALLY_SLOT_MS,
		to / TALLY_SLOT_MS,
	) as { district: number; n: number }[];
	return new Map(rows.map((r) => [r.district, r.n]));
}

/** Lanes for a row's rooms in start order: each takes the first line free by its start. */
function assignLanes(rooms: { card: RoomCard; now: boolean }[]): {
	rooms: TimelineRoom[];
	lanes: number;
} {
	const ends: number[] = [];
	const placed = [...rooms]
		.sort((a, b) => a.card.startAt.getTime() - b.card.startAt.getTime())
		.map((r) => {
			let lane = ends.findIndex((end) => end <= r.card.startAt.getTime());
			if (lane < 0) lane = ends.length;
			ends[lane] = r.card.endAt.getTime();
			return { ...r, lane };
		});
	return { rooms: placed, lanes: Math.max(1, ends.length) };
}

/** The timeline of the festival's districts around `now`. */
export function loadTimeline(db: Db, f: Festival, districts: District[], now: Date): Timeline {
	const day = getDayKey(now, f.timezone);
	const hour = getZonedParts(now, f.timezone).hour;
	const current = getInstantFromZoned(day, hour, 0, f.timezone).getTime();
	const from = current - HOURS_BEFORE * 3_600_000;
	const to = current + (HOURS_AFTER + 1) * 3_600_000;
	const hours = Array.from(
		{ length: HOURS_BEFORE + HOURS_AFTER + 1 },
		(_, i) => new Date(from + i * 3_600_000),
	);
	const t = now.getTime();
	const picked =
		districts.length === 0
			? []
			: (roomIdsStatement(db.$client, districts.length).all(
					...districts.map((d) => d.id).flatMap((id) => [id, id]),
					{ festival: f.id, since: t - NOW_LOOKBACK_MS, now: t, until: to },
				) as { id: number; district: number; next: number }[]);
	const cards = listRoomCards(db, {
		festivalId: f.id,
		now,
		ids: picked.map((p) => p.id),
		limit: picked.length,
	});
	const pick = new Map(picked.map((p) => [p.id, p]));
	const counts = countStartsByDistrict(db, f.id, districts, from, to);
	const byDistrict = new Map<number, { card: RoomCard; now: boolean }[]>();
	for (const card of cards) {
		const p = pick.get(card.id)!;
		byDistrict.set(p.district, [
			...(byDistrict.get(p.district) ?? []),
			{ card, now: p.next === 0 },
		]);
	}
	const rows = districts.map((d) => {
		const laid = assignLanes(byDistrict.get(d.id) ?? []);
		return {
			district: { code: d.code, name: { zh: d.nameZh, en: d.nameEn } },
			...laid,
			startingInWindow: counts.get(d.id) ?? 0,
		};
	});
	return { from: new Date(from), to: new Date(to), now, hours, rows };
}
