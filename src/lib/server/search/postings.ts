import type Database from 'better-sqlite3';
import { INDEX_TABLE_OF, type IndexName } from './match-query';
import { findSortedIndex } from './sorted-ids';

/**
 * The rooms matching an FTS5 expression (a term, a term in a column group, a whole query), kept
 * in memory and patched from `search_change` instead of re-read: at 270,000 rooms 直播 matches
 * 100,000 of them, and reading that posting list row by row costs more than the rest of a search.
 * An entry remembers the log seq it is true at; when it is used after writes, only the rooms
 * logged since are matched again (`rowid IN (…)`), so a write costs the next search a lookup of
 * the rooms it touched. A gap, a festival-wide change (room_id 0), a rebuild (room_id -1) or many
 * changes reads the entry afresh instead.
 */
interface Entry {
	seq: number;
	ids: Int32Array;
}

/**
 * Room ids kept over all expressions (4 bytes each: 64 MB), least recently used dropped first. A
 * query uses several expressions (the whole query, each term, each term per column group), so a
 * count of entries would thrash; a broad term's list is 100,000 ids at 270,000 rooms.
 */
const BUDGET_IDS = 16_000_000;
/** More changed rooms than this since an entry was read: read it again. */
const MAX_PATCH = 2000;
/**
 * A list shorter than this is read again rather than patched: reading it costs about a
 * millisecond, while matching the changed rooms alone (`rowid IN (…)`) makes FTS5 evaluate the
 * expression once per room — for a prefix longer than the prefix indexes (`"wenquan"*`) that is
 * expanding the prefix 150 times, 50–135 ms at 270,000 rooms after 150 changed rooms. The long
 * lists are those of common words (直播: 100,000 rooms), where the per-room lookups are cheap and
 * a fresh read is not (15 ms).
 */
const MIN_PATCHED_IDS = 10_000;
/**
 * A prefix longer than the Latin index's longest prefix index (`prefix = '2 3 4 5 6'`, migration
 * 0016) is expanded term by term, and matched once per changed room that costs the expansion each
 * time; such a prefix is specific (`"wenquan"*`: 11,700 rooms, read in 2 ms), so its list is read
 * again instead.
 */
const LONG_PREFIX = /"[^"]{7,}"\*/;

interface Statements {
	all: Record<IndexName, Database.Statement>;
	some: Record<IndexName, Database.Statement>;
	newest: Database.Statement;
	oldest: Database.Statement;
	changes: Database.Statement;
}

/** A Map in least-recently-used order, bounded by the ids it holds. */
class EntryCache {
	readonly #items = new Map<string, Entry>();
	#ids = 0;

	get(key: string): Entry | undefined {
		const entry = this.#items.get(key);
		if (entry) {
			this.#items.delete(key);
			this.#items.set(key, entry);
		}
		return entry;
	}

	set(key: string, entry: Entry): void {
		const old = this.#items.get(key);
		if (old) this.#ids -= old.ids.length;
		this.#items.delete(key);
		this.#items.set(key, entry);
		this.#ids += entry.ids.length;
		for (const [oldest, value] of this.#items) {
			if (this.#ids <= BUDGET_IDS || oldest === key) break;
			this.#items.delete(oldest);
			this.#ids -= value.ids.length;
		}
	}
}

function byIndex(
	make: (table: string) => Database.Statement,
): Record<IndexName, Database.Statement> {
	return { han: make(INDEX_TABLE_OF.han), latin: make(INDEX_TABLE_OF.latin) };
}

const caches = new WeakMap<Database.Database, { entries: EntryCache; s: Statements }>();

function open(sqlite: Database.Database) {
	let cache = caches.get(sqlite);
	if (!cache) {
		cache = {
			entries: new EntryCache(),
			s: {
				all: byIndex((table) =>
					sqlite.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).pluck(),
				),
				some: byIndex((table) =>
					sqlite
						.prepare(
							`SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
						)
						.pluck(),
				),
				newest: sqlite.prepare('SELECT coalesce(max(seq), 0) FROM search_change').pluck(),
				oldest: sqlite.prepare('SELECT coalesce(min(seq), 0) FROM search_change').pluck(),
				changes: sqlite
					.prepare('SELECT DISTINCT room_id FROM search_change WHERE seq > ? AND seq <= ? LIMIT ?')
					.pluck(),
			},
		};
		caches.set(sqlite, cache);
	}
	return cache;
}

export interface PostingReader {
	/** Ascending ids of the rooms matching `match` (an FTS5 MATCH expression) in `index`. */
	list(index: IndexName, match: string): Int32Array;
}

/**
 * A reader for one search: every list it returns is true at least as of the same log seq.
 * `minPatchedIds` is for tests, which patch short lists too.
 */
export function createPostingReader(
	sqlite: Database.Database,
	{ minPatchedIds = MIN_PATCHED_IDS }: { minPatchedIds?: number } = {},
): PostingReader {
	const { entries, s } = open(sqlite);
	const newest = s.newest.get() as number;
	return {
		list(index, match) {
			const key = `${index}:${match}`;
			const entry = entries.get(key);
			if (entry && entry.seq === newest) return entry.ids;
			const ids =
				entry && entry.ids.length >= minPatchedIds && !LONG_PREFIX.test(match)
					? patch(s.some[index], s, match, entry, newest)
					: null;
			const fresh = {
				seq: newest,
				ids: ids ?? Int32Array.from(s.all[index].all(match) as number[]),
			};
			entries.set(key, fresh);
			return fresh.ids;
		},
	};
}

/**
 * The entry brought to `newest` by re-matching the rooms logged since; null to read it afresh.
 * Each changed room is looked up in the sorted list (a binary search), so a broad term's 100,000
 * ids are not walked one by one on every search after a write: when no changed room joins or
 * leaves the list it is returned as it is, otherwise it is copied in runs between the changes.
 */
function patch(
	some: Database.Statement,
	s: Statements,
	match: string,
	entry: Entry,
	newest: number,
): Int32Array | null {
	const changed = s.changes.all(entry.seq, newest, MAX_PATCH + 1) as number[];
	if (changed.length > MAX_PATCH || changed.some((id) => id <= 0)) return null;
	if ((s.oldest.get() as number) > entry.seq + 1) return null;
	const matching = new Set(some.all(match, JSON.stringify(changed)) as number[]);
	const ids = entry.ids;
	/** Positions in `ids` of rooms that no longer match, and rooms that now match. */
	const leave: number[] = [];
	const join: number[] = [];
	for (const id of changed) {
		const at = findSortedIndex(ids, id);
		const listed = at < ids.length && ids[at] === id;
		if (listed && !matching.has(id)) leave.push(at);
		else if (!listed && matching.has(id)) join.push(id);
	}
	if (leave.length === 0 && join.length === 0) return ids;
	leave.sort((a, b) => a - b);
	join.sort((a, b) => a - b);
	const out = new Int32Array(ids.length - leave.length + join.length);
	let from = 0;
	let to = 0;
	let l = 0;
	let j = 0;
	while (l < leave.length || j < join.length) {
		const nextLeave = l < leave.length ? leave[l]! : ids.length;
		const nextJoin = j < join.length ? findSortedIndex(ids, join[j]!) : ids.length;
		const stop = Math.min(nextLeave, nextJoin);
		out.set(ids.subarray(from, stop), to);
		to += stop - from;
		from = stop;
		// A joining room goes before the listed one at its place (never equal: it was not listed).
		if (j < join.length && nextJoin <= nextLeave) out[to++] = join[j++]!;
		else {
			from += 1;
			l += 1;
		}
	}
	out.set(ids.subarray(from), to);
	return out;
}
