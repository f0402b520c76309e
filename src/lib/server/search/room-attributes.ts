import type Database from 'better-sqlite3';
import { LIVE_STATUS_FRESH_MS } from '../../shared/live-phase';
import { WX_LIVE_STATUS } from '../../shared/status';
import type { Db } from '../db';

/** Phase codes, in the order the facet lists them. */
export const PHASE_CODES = ['live', 'upcoming', 'ended', 'replay'] as const;

/**
 * What search needs to know about every public room besides its text — festival, times, district,
 * category, kind, plugin status, replay — as typed arrays indexed by room id. Filtering, facet
 * counts and ordering then run over plain numbers instead of a join and an object per matching row
 * (at 100,000 rooms the join alone cost more than the whole 5 ms budget). The copy is rebuilt when
 * `search_generation`, bumped by triggers on every change to those fields, moves on.
 */
export interface RoomAttributes {
	generation: number;
	/** Public rooms (the ids in room_fts). */
	count: number;
	/** Per room id; 0 = not a public room. */
	festivalId: Int32Array;
	startAt: Float64Array;
	endAt: Float64Array;
	districtId: Int32Array;
	categoryId: Int32Array;
	/** 0 merchant, 1 showcase. */
	kind: Uint8Array;
	liveStatus: Int16Array;
	liveStatusAt: Float64Array;
	/** Replay expiry in ms; -Infinity = no replay, +Infinity = a replay that does not expire. */
	replayUntil: Float64Array;
	/** Public room ids per festival, ascending. */
	idsByFestival: Map<number, Int32Array>;
}

const caches = new WeakMap<Database.Database, RoomAttributes>();

type Row = [
	number,
	number,
	number,
	number,
	number,
	number,
	string,
	number | null,
	number | null,
	string | null,
	number | null,
];

/** The current attributes, rebuilt first if a write changed them since the last search. */
export function getRoomAttributes(db: Db): RoomAttributes {
	const sqlite = db.$client;
	const generation = readGeneration(sqlite);
	const cached = caches.get(sqlite);
	if (cached && cached.generation === generation) return cached;
	const fresh = sqlite.transaction(() => loadAttributes(sqlite))();
	caches.set(sqlite, fresh);
	return fresh;
}

/** The counter the triggers bump whenever a room's public attributes change. */
export function readGeneration(sqlite: Database.Database): number {
	return sqlite.prepare('SELECT value FROM search_generation WHERE id = 1').pluck().get() as number;
}

function loadAttributes(sqlite: Database.Database): RoomAttributes {
	const generation = readGeneration(sqlite);
	const rows = sqlite
		.prepare(
			`SELECT r.id, r.festival_id, r.start_at, r.end_at, r.district_id, r.category_id, r.kind,
				r.live_status, r.live_status_at, r.replay_url, r.replay_expires_at
			FROM room_search_source s JOIN room r ON r.id = s.id ORDER BY r.id`,
		)
		.raw()
		.all() as Row[];
	const size = (rows.at(-1)?.[0] ?? 0) + 1;
	const a: RoomAttributes = {
		generation,
		count: rows.length,
		festivalId: new Int32Array(size),
		startAt: new Float64Array(size),
		endAt: new Float64Array(size),
		districtId: new Int32Array(size),
		categoryId: new Int32Array(size),
		kind: new Uint8Array(size),
		liveStatus: new Int16Array(size),
		liveStatusAt: new Float64Array(size),
		replayUntil: new Float64Array(size),
		idsByFestival: new Map(),
	};
	const perFestival = new Map<number, number[]>();
	for (const [
		id,
		festivalId,
		start,
		end,
		district,
		category,
		kind,
		status,
		statusAt,
		replay,
		replayExp,
	] of rows) {
		a.festivalId[id] = festivalId;
		a.startAt[id] = start;
		a.endAt[id] = end;
		a.districtId[id] = district;
		a.categoryId[id] = category;
		a.kind[id] = kind === 'showcase' ? 1 : 0;
		a.liveStatus[id] = status ?? 0;
		a.liveStatusAt[id] = statusAt ?? 0;
		a.replayUntil[id] = replay === null ? -Infinity : (replayExp ?? Infinity);
		let list = perFestival.get(festivalId);
		if (!list) perFestival.set(festivalId, (list = []));
		list.push(id);
	}
	for (const [festivalId, ids] of perFestival)
		a.idsByFestival.set(festivalId, Int32Array.from(ids));
	return a;
}

/**
 * The live phase of a cached room at `now` as an index into PHASE_CODES: the rules of
 * src/lib/shared/live-phase.ts over numbers (tests/unit/server/search/room-attributes.test.ts
 * compares the two).
 */
export function getPhaseCode(a: RoomAttributes, id: number, now: number): number {
	const status = a.liveStatus[id]!;
	const ended = a.replayUntil[id]! > now ? 3 : 2;
	if (status !== 0 && now - a.liveStatusAt[id]! <= LIVE_STATUS_FRESH_MS) {
		if (status === WX_LIVE_STATUS.live || status === WX_LIVE_STATUS.paused) return 0;
		if (status === WX_LIVE_STATUS.ended || status === WX_LIVE_STATUS.expired) return ended;
		if (status === WX_LIVE_STATUS.notStarted && now < a.endAt[id]!) return 1;
	}
	if (now < a.startAt[id]!) return 1;
	if (now < a.endAt[id]!) return 0;
	return ended;
}
