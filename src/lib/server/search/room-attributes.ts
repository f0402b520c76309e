import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import path from 'node:path';
import { compilePhaseCheck, type PhaseFacts } from '../../shared/phase-rule';
import type { LivePhase } from '../../shared/status';
import type { Db } from '../db';
import { findSortedIndex } from './sorted-ids';

/** Phase codes, in the order the facet lists them. */
export const PHASE_CODES = ['live', 'upcoming', 'ended', 'replay'] as const;

/**
 * What search needs to know about every public room besides its text — festival, times, district,
 * category, kind, plugin status, replay — as typed arrays indexed by room id. Filtering, facet
 * counts and ordering then run over plain numbers instead of a join and an object per matching row.
 * The copy is loaded once and then kept current from `search_change` (db/migrations/0011), the log
 * triggers append to on every change: a search applies the rooms changed since the seq it last saw,
 * so a write costs the next search a lookup of the rooms it touched, not a reload of 270,000 rooms.
 */
export interface RoomAttributes {
	/** The last `search_change` seq applied. */
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

/** How many times each path ran, per process: tests assert a write is applied, not reloaded. */
export const roomAttributeStats = { fullLoads: 0, appliedChanges: 0 };

/** Rooms read per statement on a full load: each chunk well under 50 ms at 270,000 rooms. */
const LOAD_CHUNK = 4_000;
/** More changed rooms than this since the last search: reload in full (a festival-wide change). */
const MAX_APPLIED = 20_000;

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

interface Statements {
	newest: Database.Statement;
	oldest: Database.Statement;
	changes: Database.Statement;
	chunk: Database.Statement;
	some: Database.Statement;
}

interface Cache {
	attrs: RoomAttributes;
	loading?: Promise<RoomAttributes>;
}

/**
 * The attributes of a database file, shared by every connection to it in this process and by
 * every copy of this module: the server's bundle and Astro's each hold one, and the server loads
 * the attributes on its own connection before it listens (src/serve/main.ts), so the first
 * searches after a restart under load do not wait for 270,000 rooms to be read between renders.
 * Keyed by path, device and inode (a file replaced by a restore is another file); a database in
 * memory keeps its own per connection.
 */
const byFile: Map<string, Cache> = ((globalThis as Record<symbol, unknown>)[
	Symbol.for('livefest.roomAttributes')
] ??= new Map<string, Cache>()) as Map<string, Cache>;
const byConnection = new WeakMap<Database.Database, Cache>();

/** A connection's file never changes while it is open: its key is worked out once. */
const fileKeys = new WeakMap<Database.Database, string | undefined>();

function fileKey(sqlite: Database.Database): string | undefined {
	if (fileKeys.has(sqlite)) return fileKeys.get(sqlite);
	let key: string | undefined;
	if (!sqlite.memory && sqlite.name !== '') {
		try {
			const { dev, ino } = statSync(sqlite.name);
			key = `${path.resolve(sqlite.name)}|${dev}|${ino}`;
		} catch {
			key = undefined;
		}
	}
	fileKeys.set(sqlite, key);
	return key;
}

const caches = {
	get(sqlite: Database.Database): Cache | undefined {
		const key = fileKey(sqlite);
		return key === undefined ? byConnection.get(sqlite) : byFile.get(key);
	},
	set(sqlite: Database.Database, cache: Cache): void {
		const key = fileKey(sqlite);
		if (key === undefined) byConnection.set(sqlite, cache);
		else byFile.set(key, cache);
	},
	delete(sqlite: Database.Database): void {
		const key = fileKey(sqlite);
		if (key === undefined) byConnection.delete(sqlite);
		else byFile.delete(key);
	},
};
const statements = new WeakMap<Database.Database, Statements>();

const COLUMNS = `r.id, r.festival_id, r.start_at, r.end_at, r.district_id, r.category_id, r.kind,
	r.live_status, r.live_status_at, r.replay_url, r.replay_expires_at
	FROM room_search_source s JOIN room r ON r.id = s.id`;

function prepare(sqlite: Database.Database): Statements {
	let s = statements.get(sqlite);
	if (!s) {
		s = {
			newest: sqlite.prepare('SELECT coalesce(max(seq), 0) FROM search_change').pluck(),
			oldest: sqlite.prepare('SELECT coalesce(min(seq), 0) FROM search_change').pluck(),
			changes: sqlite
				.prepare('SELECT DISTINCT room_id FROM search_change WHERE seq > ? AND seq <= ? LIMIT ?')
				.pluck(),
			chunk: sqlite.prepare(`SELECT ${COLUMNS} WHERE s.id > ? ORDER BY s.id LIMIT ?`).raw(),
			some: sqlite
				.prepare(`SELECT ${COLUMNS} WHERE s.id IN (SELECT value FROM json_each(?))`)
				.raw(),
		};
		statements.set(sqlite, s);
	}
	return s;
}

/** The seq of the newest change any writer logged: what a cache at this point has seen. */
export function readGeneration(sqlite: Database.Database): number {
	return prepare(sqlite).newest.get() as number;
}

/**
 * The current attributes, synchronously: loaded in full on first use (the benchmark and tests;
 * the portal's engine calls `loadRoomAttributes` first, which loads in chunks), then brought up to
 * date by applying the logged changes.
 */
export function getRoomAttributes(db: Db): RoomAttributes {
	const sqlite = db.$client;
	const cache = caches.get(sqlite);
	if (cache && !cache.loading) return applyChanges(sqlite, cache);
	const attrs = sqlite.transaction(() => loadAll(sqlite))();
	caches.set(sqlite, { attrs });
	return attrs;
}

/**
 * The current attributes without holding the event loop: a full load (the first, or after a
 * festival-wide change) reads LOAD_CHUNK rooms at a time with a turn of the loop between chunks
 * (each chunk its own snapshot; changes logged meanwhile are applied at the end, so the copy is
 * exact). Concurrent callers share one load.
 */
export async function loadRoomAttributes(db: Db): Promise<RoomAttributes> {
	const sqlite = db.$client;
	const cache = caches.get(sqlite);
	if (cache?.loading) return cache.loading;
	if (cache && !needsFullLoad(sqlite, cache.attrs)) return applyChanges(sqlite, cache);
	const loading = (async () => {
		const attrs = createAttributes(readGeneration(sqlite), 0);
		for (let after = 0; after >= 0;) {
			after = loadChunk(sqlite, attrs, after);
			await new Promise((resolve) => setImmediate(resolve));
		}
		indexMembership(attrs);
		roomAttributeStats.fullLoads++;
		const done: Cache = { attrs };
		caches.set(sqlite, done);
		return applyChanges(sqlite, done);
	})();
	caches.set(sqlite, { attrs: cache?.attrs ?? createAttributes(0, 0), loading });
	try {
		return await loading;
	} catch (error) {
		caches.delete(sqlite);
		throw error;
	}
}

/**
 * Whether the log cannot bring `a` up to date: pruned past it, a festival-wide change (room_id 0)
 * or more than MAX_APPLIED rooms. (room_id -1 only says a rebuild rewrote the text: see postings.ts.)
 */
function needsFullLoad(sqlite: Database.Database, a: RoomAttributes): boolean {
	const s = prepare(sqlite);
	const newest = s.newest.get() as number;
	if (newest === a.generation) return false;
	const ids = s.changes.all(a.generation, newest, MAX_APPLIED + 1) as number[];
	return (
		(s.oldest.get() as number) > a.generation + 1 || ids.length > MAX_APPLIED || ids.includes(0)
	);
}

function createAttributes(generation: number, size: number): RoomAttributes {
	return {
		generation,
		count: 0,
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
}

/** Every public room at once (call inside a transaction, for one snapshot). */
function loadAll(sqlite: Database.Database): RoomAttributes {
	const a = createAttributes(readGeneration(sqlite), 0);
	for (let after = 0; after >= 0;) after = loadChunk(sqlite, a, after);
	indexMembership(a);
	roomAttributeStats.fullLoads++;
	return a;
}

/** Reads the next chunk of public rooms after `afterId`; -1 when there are no more. */
function loadChunk(sqlite: Database.Database, a: RoomAttributes, afterId: number): number {
	const rows = prepare(sqlite).chunk.all(afterId, LOAD_CHUNK) as Row[];
	if (rows.length === 0) return -1;
	ensureCapacity(a, rows.at(-1)![0] + 1);
	for (const row of rows) writeRow(a, row);
	return rows.length < LOAD_CHUNK ? -1 : rows.at(-1)![0];
}

/** Grows the arrays to hold `size` ids (by half again at least, so new rooms rarely copy). */
function ensureCapacity(a: RoomAttributes, size: number): void {
	if (size <= a.festivalId.length) return;
	const next = Math.max(size, Math.ceil(a.festivalId.length * 1.5));
	const grow = <T extends Int32Array | Float64Array | Int16Array | Uint8Array>(old: T): T => {
		const copy = new (old.constructor as new (n: number) => T)(next);
		copy.set(old);
		return copy;
	};
	a.festivalId = grow(a.festivalId);
	a.startAt = grow(a.startAt);
	a.endAt = grow(a.endAt);
	a.districtId = grow(a.districtId);
	a.categoryId = grow(a.categoryId);
	a.kind = grow(a.kind);
	a.liveStatus = grow(a.liveStatus);
	a.liveStatusAt = grow(a.liveStatusAt);
	a.replayUntil = grow(a.replayUntil);
}

function writeRow(a: RoomAttributes, row: Row): void {
	const [id, festivalId, start, end, district, category, kind, status, statusAt, replay, exp] = row;
	a.festivalId[id] = festivalId;
	a.startAt[id] = start;
	a.endAt[id] = end;
	a.districtId[id] = district;
	a.categoryId[id] = category;
	a.kind[id] = kind === 'showcase' ? 1 : 0;
	a.liveStatus[id] = status ?? 0;
	a.liveStatusAt[id] = statusAt ?? 0;
	a.replayUntil[id] = replay === null ? -Infinity : (exp ?? Infinity);
}

/** Recounts the public rooms and lists them per festival (one pass over the ids, a few ms). */
function indexMembership(a: RoomAttributes): void {
	const perFestival = new Map<number, number[]>();
	let count = 0;
	for (let id = 0; id < a.festivalId.length; id++) {
		const festivalId = a.festivalId[id]!;
		if (festivalId === 0) continue;
		count++;
		let list = perFestival.get(festivalId);
		if (!list) perFestival.set(festivalId, (list = []));
		list.push(id);
	}
	a.count = count;
	a.idsByFestival = new Map([...perFestival].map(([f, ids]) => [f, Int32Array.from(ids)]));
}

/** Moves a room between festivals' sorted id lists (0 = none): a copy of one list, not a rescan. */
function moveRoom(a: RoomAttributes, id: number, from: number, to: number): void {
	if (from === to) return;
	if (from !== 0) {
		const list = a.idsByFestival.get(from)!;
		const at = findSortedIndex(list, id);
		const next = new Int32Array(list.length - 1);
		next.set(list.subarray(0, at));
		next.set(list.subarray(at + 1), at);
		a.idsByFestival.set(from, next);
		a.count--;
	}
	if (to !== 0) {
		const list = a.idsByFestival.get(to) ?? new Int32Array(0);
		const at = findSortedIndex(list, id);
		const next = new Int32Array(list.length + 1);
		next.set(list.subarray(0, at));
		next[at] = id;
		next.set(list.subarray(at), at + 1);
		a.idsByFestival.set(to, next);
		a.count++;
	}
}

/**
 * Applies the rooms logged since the cache's seq, in one read transaction: each is re-read (or
 * dropped when no longer public); what `needsFullLoad` names reloads in full instead.
 */
function applyChanges(sqlite: Database.Database, cache: Cache): RoomAttributes {
	const s = prepare(sqlite);
	const a = cache.attrs;
	if ((s.newest.get() as number) === a.generation) return a;
	return sqlite.transaction(() => {
		const newest = s.newest.get() as number;
		if (needsFullLoad(sqlite, a)) return (cache.attrs = loadAll(sqlite));
		// -1 (a rebuild rewrote the text) changes no attribute.
		const ids = (s.changes.all(a.generation, newest, MAX_APPLIED + 1) as number[]).filter(
			(id) => id > 0,
		);
		const before = ids.map((id) => (id < a.festivalId.length ? a.festivalId[id]! : 0));
		for (const id of ids) if (id < a.festivalId.length) a.festivalId[id] = 0;
		const rows = s.some.all(JSON.stringify(ids)) as Row[];
		for (const row of rows) {
			ensureCapacity(a, row[0] + 1);
			writeRow(a, row);
		}
		// Only a room that joined or left a festival's public set changes its list.
		ids.forEach((id, i) => moveRoom(a, id, before[i]!, a.festivalId[id] ?? 0));
		a.generation = newest;
		roomAttributeStats.appliedChanges += ids.length;
		return a;
	})();
}

const checkPhase = compilePhaseCheck();
const CODE_OF: Record<LivePhase, number> = { live: 0, upcoming: 1, ended: 2, replay: 3 };
const scratch: PhaseFacts = {
	startAt: 0,
	endAt: 0,
	liveStatus: 0,
	liveStatusAt: 0,
	replayUntil: 0,
};

/**
 * The live phase of a cached room at `now` as an index into PHASE_CODES: the rules of
 * src/lib/shared/phase-rule.ts, compiled once, over the typed arrays
 * (tests/unit/server/search/room-attributes.test.ts compares it with deriveLivePhase).
 */
export function getPhaseCode(a: RoomAttributes, id: number, now: number): number {
	scratch.startAt = a.startAt[id]!;
	scratch.endAt = a.endAt[id]!;
	scratch.liveStatus = a.liveStatus[id]!;
	scratch.liveStatusAt = a.liveStatusAt[id]!;
	scratch.replayUntil = a.replayUntil[id]!;
	return CODE_OF[checkPhase(scratch, now)];
}
