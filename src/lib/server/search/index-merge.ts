import type Database from 'better-sqlite3';
import type { Db } from '../db';
import { INDEX_TABLES } from './index-schema';

/**
 * When FTS5 merges the segments of the search index: only when the server asks, a few pages at a
 * time. Left to itself FTS5 merges inside the write that adds a segment, and at the real
 * festival's size that stopped the portal: a rebuild leaves the whole index as one 400 MB segment
 * on level 0, every write adds a small one beside it, and once 16 gather (`crisismerge`) the next
 * write merges them all, the big one included — 2 to 17 s inside one room save, every hundred or
 * so writes. So automatic merging is off (`automerge` 0, `crisismerge` at FTS5's maximum) and the
 * server's merge worker does the work in bounded steps (`merge` with a page budget), between
 * requests, as long as FTS5 reports work to do.
 */

/** The settings every live and newly built index table gets (stored in its `_config` table). */
const MERGE_SETTINGS = [
	['automerge', 0],
	['crisismerge', 1999],
] as const;

/** Applies the merge settings to `table` (a live index table, or one being built to replace it). */
export function configureIndexMerging(sqlite: Database.Database, table: string): void {
	for (const [key, value] of MERGE_SETTINGS) {
		sqlite.exec(`INSERT INTO ${table}(${table}, rank) VALUES('${key}', ${value})`);
	}
}

/**
 * One merge step on every index table, in one transaction: about `pages` leaf pages written per
 * table (a term's whole doclist at least). True when FTS5 found work to do — it writes its
 * structure record then, so `total_changes()` moves by 2 or more.
 */
export function mergeIndexStep(sqlite: Database.Database, pages: number): boolean {
	const budget = Math.max(1, Math.floor(pages));
	const changes = sqlite.prepare('SELECT total_changes()').pluck();
	return sqlite
		.transaction(() => {
			let worked = false;
			for (const { name } of INDEX_TABLES) {
				const before = changes.get() as number;
				sqlite.exec(`INSERT INTO ${name}(${name}, rank) VALUES('merge', ${budget})`);
				if ((changes.get() as number) - before >= 2) worked = true;
			}
			return worked;
		})
		.immediate();
}

/**
 * A merge step only if the write lock is free now: on the server's connection a step that waited
 * for it (an import on its worker thread, a rebuild, another process) would hold the event loop
 * for up to the busy timeout — 5 s at 270,000 rooms, behind a 5,000-row import. Busy: no step,
 * the next look tries again. The connection's own timeout is back before anything else runs.
 */
export function tryMergeIndexStep(sqlite: Database.Database, pages: number): boolean | 'busy' {
	const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
	sqlite.pragma('busy_timeout = 0');
	try {
		return mergeIndexStep(sqlite, pages);
	} catch (error) {
		if ((error as { code?: string }).code === 'SQLITE_BUSY') return 'busy';
		throw error;
	} finally {
		sqlite.pragma(`busy_timeout = ${timeout}`);
	}
}

export interface IndexMergeWorker {
	stop(): Promise<void>;
}

/** Target length of one step; the page budget follows it. */
const STEP_TARGET_MS = 10;
/** At most this share of the event loop's time goes to merging while there is work. */
const DUTY = 0.2;
/** How often an index with nothing to merge is looked at again. */
const IDLE_MS = 2_000;
/** How soon a step that found the write lock taken is tried again. */
const BUSY_RETRY_MS = 250;

/**
 * Merges the index in the background, on the server's connection: a step, then a pause four
 * times its length (20% of the loop at most), while FTS5 has work; a look every 2 s otherwise.
 * The page budget doubles while steps take under 5 ms and halves above 20 ms, so a step stays
 * near 10 ms whatever the index holds. Stops (after a step in flight) with the server.
 */
export function startIndexMergeWorker(
	db: Db,
	/** Told of every step (benchmarks, tests): its length, page budget and whether it worked. */
	observe?: (step: { ms: number; pages: number; worked: boolean }) => void,
): IndexMergeWorker {
	let stopped = false;
	let pages = 8;
	let timer: NodeJS.Timeout | undefined;
	const step = (): void => {
		if (stopped) return;
		let pause = IDLE_MS;
		try {
			const started = performance.now();
			const outcome = tryMergeIndexStep(db.$client, pages);
			const ms = performance.now() - started;
			const worked = outcome === true;
			observe?.({ ms, pages, worked });
			if (outcome === 'busy') pause = BUSY_RETRY_MS;
			else if (ms < STEP_TARGET_MS / 2) pages = Math.min(pages * 2, 256);
			else if (ms > STEP_TARGET_MS * 2) pages = Math.max(Math.floor(pages / 2), 1);
			if (worked) pause = Math.max(ms * (1 / DUTY - 1), 5);
		} catch (error) {
			// A busy database or a stop mid-step: the next look tries again.
			if (!stopped)
				console.error(`livefest: search index merge failed: ${(error as Error).message}`);
		}
		if (!stopped) {
			timer = setTimeout(step, pause);
			timer.unref();
		}
	};
	timer = setTimeout(step, IDLE_MS);
	timer.unref();
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
		},
	};
}
