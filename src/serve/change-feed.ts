import Database from 'better-sqlite3';
import { ANY_SCOPE } from '../lib/server/cache/change-scope';
import type { Change } from './page-cache';

/**
 * How often the server reads what changed. Four indexed reads a second whatever the traffic, and a
 * change is seen at most this long after it commits (part of the staleness bound, serving-layer.ts).
 * Reading on every request instead would cost a statement per request at 10,000 requests a second
 * and shorten the bound by no more than this.
 */
export const CHANGE_POLL_MS = 250;

/** More rows than this in one read (a bulk load) are read as one change to everything. */
const MAX_CHANGES_PER_READ = 2_000;

export interface ChangeFeed {
	/** The sequence number of the last change read. */
	readonly seq: number;
	/** The changes committed since the last read, by any process, oldest first. */
	read(): Change[];
	close(): void;
}

/**
 * Reads `change_version` (db/migrations/0010_change_versions.sql) on a connection of its own, so
 * that SQLite's `data_version` moves for every commit of every other connection — this process's
 * pages and workers, the CLI, a second server — and a read while nothing changed costs one pragma.
 * When it moved: one range of change_version_seq_idx. The table keeps only each scope's latest
 * change, so a scope written twice between two reads is seen once, at its latest time; reads every
 * CHANGE_POLL_MS keep that error within the poll interval.
 */
export function openChangeFeed(
	file: string,
	options: { maxChangesPerRead?: number } = {},
): ChangeFeed {
	const max = options.maxChangesPerRead ?? MAX_CHANGES_PER_READ;
	const sqlite = new Database(file, { fileMustExist: true });
	sqlite.pragma('busy_timeout = 5000');
	const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
	const latest = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM change_version').pluck();
	const since = sqlite.prepare(
		'SELECT scope, seq, changed_at AS changedAt FROM change_version WHERE seq > ? ORDER BY seq LIMIT ?',
	);
	let version = dataVersion.get() as number;
	let seq = latest.get() as number;
	return {
		get seq() {
			return seq;
		},
		read() {
			const now = dataVersion.get() as number;
			if (now === version) return [];
			version = now;
			const rows = since.all(seq, max + 1) as Change[];
			if (rows.length > max) {
				seq = latest.get() as number;
				return [{ scope: ANY_SCOPE, seq, changedAt: rows[0]!.changedAt }];
			}
			if (rows.length > 0) seq = rows[rows.length - 1]!.seq;
			return rows;
		},
		close: () => sqlite.close(),
	};
}
