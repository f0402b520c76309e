import type Database from 'better-sqlite3';
import type { Db } from '../db';
import {
	countDefaultWorkers,
	createInlineTokeniser,
	createWorkerTokeniser,
	type Tokeniser,
} from './rebuild-pool';
import { tokeniseRange, type TokenisedChunk } from './rebuild-source';

export interface RebuildOptions {
	/** Worker threads that tokenise (default: one per core, up to 4); 0 tokenises on this thread. */
	workers?: number;
	/** Room ids per tokenised range (default 2,000). */
	chunkRooms?: number;
	/**
	 * Target length of each write transaction (default 25 ms), so writers beside it (the live
	 * server) wait at most about that long. A bulk load with nothing else writing may pass more
	 * (fewer, larger FTS5 segments: faster).
	 */
	maxTransactionMs?: number;
	/** Called after every committed transaction (tests search between them). */
	afterTransaction?: () => void | Promise<void>;
}

export interface RebuildSummary {
	rooms: number;
	transactions: number;
	/** Time inside write transactions, all of them. */
	transactionMs: number;
	longestTransactionMs: number;
	workers: number;
	ms: number;
	/** Where the time went: replacing rows, queueing the outbox, merging segments. */
	phases: { writeMs: number; outboxMs: number; mergeMs: number };
}

const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
/** Rooms queued for the external engine per transaction. */
const OUTBOX_CHUNK = 20_000;

interface Statements {
	changed: Database.Statement;
	oldest: Database.Statement;
	remove: Database.Statement;
	insert: Database.Statement;
	outbox: Database.Statement;
}

function prepare(sqlite: Database.Database): Statements {
	return {
		changed: sqlite.prepare('SELECT DISTINCT room_id FROM search_change WHERE seq > ?').pluck(),
		oldest: sqlite.prepare('SELECT coalesce(min(seq), 0) FROM search_change').pluck(),
		remove: sqlite.prepare(
			'DELETE FROM room_fts WHERE rowid BETWEEN ? AND ? AND rowid NOT IN (SELECT value FROM json_each(?))',
		),
		insert: sqlite.prepare(
			'INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin) VALUES (?, ?, ?, ?, ?, ?, ?)',
		),
		outbox: sqlite.prepare(`INSERT INTO search_outbox(room_id, changed_at)
			SELECT id, ${NOW_MS} FROM room WHERE id BETWEEN ? AND ?
			ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0,
				next_attempt_at = 0, last_error = NULL`),
	};
}

/** Sets an FTS5 configuration option of room_fts (stored in room_fts_config, for every connection). */
function setFtsOption(
	sqlite: Database.Database,
	name: 'deletemerge' | 'hashsize',
	value: number,
): void {
	// FTS5 takes the command name only as a literal, not a bound parameter.
	sqlite.exec(`INSERT INTO room_fts(room_fts, rank) VALUES('${name}', ${Math.trunc(value)})`);
}

/** FTS5 leaf pages merged per transaction at the end (a few ms each). */
const MERGE_PAGES = 64;

/**
 * Merges the segments the short transactions left (one per transaction) into few large ones, in
 * bounded steps ('merge' with a negative page count merges across levels, like 'optimize' but
 * a little at a time), until a step does no work: fewer segments make every query cheaper.
 */
async function mergeSegments(
	sqlite: Database.Database,
	commit: (work: () => void) => Promise<void>,
): Promise<void> {
	const merge = sqlite.prepare(`INSERT INTO room_fts(room_fts, rank) VALUES('merge', ?)`);
	for (;;) {
		let changes = 0;
		await commit(() => {
			const before = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
			merge.run(-MERGE_PAGES);
			changes = (sqlite.prepare('SELECT total_changes()').pluck().get() as number) - before;
		});
		if (changes < 2) return;
	}
}

/**
 * Rebuilds the embedded index (room_fts) from `room_search_source` and queues every room for the
 * external engine's outbox, beside a live server: rooms are tokenised in worker threads on their
 * own connections, and room_fts is replaced range by range in short transactions, so the index is
 * complete throughout and other writers never wait long. A room a trigger re-indexed after its range
 * was read (logged in `search_change` after the range's seq) is left as the trigger wrote it;
 * when the log cannot tell (pruned, or a festival-wide change), the range is read again.
 */
export async function rebuildSearchIndex(
	db: Db,
	options: RebuildOptions = {},
): Promise<RebuildSummary> {
	const started = performance.now();
	const sqlite = db.$client;
	const chunkRooms = Math.max(1, options.chunkRooms ?? 2000);
	const target = options.maxTransactionMs ?? 25;
	const bounds = sqlite.prepare('SELECT min(id) AS lo, max(id) AS hi FROM room').get() as {
		lo: number | null;
		hi: number | null;
	};
	const lo = bounds.lo ?? 1;
	const hi = bounds.hi ?? 0;
	const s = prepare(sqlite);
	const wanted = sqlite.memory ? 0 : (options.workers ?? countDefaultWorkers());
	const tokeniser: Tokeniser =
		wanted > 0 ? await createWorkerTokeniser(sqlite.name, wanted) : createInlineTokeniser(sqlite);
	const summary: RebuildSummary = {
		rooms: 0,
		transactions: 0,
		transactionMs: 0,
		longestTransactionMs: 0,
		workers: tokeniser.workers,
		ms: 0,
		phases: { writeMs: 0, outboxMs: 0, mergeMs: 0 },
	};
	let phaseStart = performance.now();
	const endPhase = (name: keyof RebuildSummary['phases']): void => {
		summary.phases[name] = Math.round(performance.now() - phaseStart);
		phaseStart = performance.now();
	};
	// Deleting a room's old row makes FTS5 rewrite a segment once a tenth of it is deleted
	// ('deletemerge'), seconds for a large one: off while every row is replaced, and the merge at
	// the end drops the deleted rows instead. An index that starts empty (a bulk load) needs no
	// deletes at all: every row in it later was written by a trigger and is in the change log.
	const wasEmpty =
		sqlite.prepare('SELECT NOT EXISTS (SELECT 1 FROM room_fts_docsize)').pluck().get() === 1;
	setFtsOption(sqlite, 'deletemerge', 0);
	// Long transactions (nothing else writing) keep their rows in memory until commit: one segment
	// per transaction instead of one per megabyte.
	if (target > 100) setFtsOption(sqlite, 'hashsize', 16 * 1024 * 1024);
	let batch = 100;
	const commit = async (work: () => void): Promise<void> => {
		const t0 = performance.now();
		sqlite.transaction(work).immediate();
		const ms = performance.now() - t0;
		summary.transactions++;
		summary.transactionMs += ms;
		summary.longestTransactionMs = Math.max(summary.longestTransactionMs, ms);
		// Aim at the target: grow while well under it, shrink at once when over.
		batch = Math.max(
			20,
			Math.min(chunkRooms, Math.round(batch * Math.min(2, target / Math.max(ms, 1)))),
		);
		await options.afterTransaction?.();
		await new Promise((resolve) => setImmediate(resolve));
	};
	const write = async (first: TokenisedChunk): Promise<void> => {
		let chunk = first;
		let from = chunk.lo;
		let at = 0;
		while (from <= chunk.hi) {
			const slice = chunk.rows.slice(at, at + batch);
			const to = at + slice.length >= chunk.rows.length ? chunk.hi : slice.at(-1)![0];
			let stale = false;
			const seq = chunk.seq;
			await commit(() => {
				const changed = s.changed.all(seq) as number[];
				if (changed.includes(0) || (s.oldest.get() as number) > seq + 1) {
					stale = true;
					return;
				}
				const skip = new Set(changed);
				if (!wasEmpty) s.remove.run(from, to, JSON.stringify(changed));
				for (const row of slice) if (!skip.has(row[0])) s.insert.run(row);
			});
			if (stale) {
				chunk = tokeniseRange(sqlite, from, chunk.hi);
				at = 0;
				continue;
			}
			summary.rooms += slice.length;
			at += slice.length;
			from = to + 1;
		}
	};
	try {
		// Rows of rooms that no longer exist, outside the id range the chunks cover.
		await commit(() => {
			sqlite.prepare('DELETE FROM room_fts WHERE rowid < ? OR rowid > ?').run(lo, hi);
		});
		const ranges: [number, number][] = [];
		for (let from = lo; from <= hi; from += chunkRooms)
			ranges.push([from, Math.min(hi, from + chunkRooms - 1)]);
		const depth = Math.max(2, tokeniser.workers * 2);
		const pending: Promise<TokenisedChunk>[] = [];
		let next = 0;
		const launch = (): void => {
			if (next >= ranges.length) return;
			const chunk = tokeniser.tokenise(...ranges[next++]!);
			chunk.catch(() => {}); // awaited in order below; this only keeps a failure from being unhandled
			pending.push(chunk);
		};
		for (let i = 0; i < depth; i++) launch();
		while (pending.length > 0) {
			const chunk = await pending.shift()!;
			launch();
			await write(chunk);
		}
		endPhase('writeMs');
		for (let from = lo; from <= hi; from += OUTBOX_CHUNK)
			await commit(() => s.outbox.run(from, Math.min(hi, from + OUTBOX_CHUNK - 1)));
		endPhase('outboxMs');
		// Replaced rows leave deleted entries in the old segments: merge them away. A bulk load's
		// segments are already kept few by FTS5's own merging as they are written.
		if (!wasEmpty) await mergeSegments(sqlite, commit);
		endPhase('mergeMs');
		// The text of every room may differ now: cached posting lists must be read again.
		sqlite.exec(`INSERT INTO search_change(room_id, changed_at) VALUES (-1, ${NOW_MS})`);
	} finally {
		setFtsOption(sqlite, 'deletemerge', 10);
		setFtsOption(sqlite, 'hashsize', 1024 * 1024);
		await tokeniser.close();
	}
	summary.ms = Math.round(performance.now() - started);
	summary.longestTransactionMs = Math.round(summary.longestTransactionMs);
	summary.transactionMs = Math.round(summary.transactionMs);
	return summary;
}
