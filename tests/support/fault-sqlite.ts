import { statSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * SQLite checks for the fault tests (tests/integration/faults/): whether a crashed server left
 * its database consistent, and whether a live server is in the middle of a write transaction.
 */

/**
 * Whether some other connection holds the database's write lock right now: our `BEGIN IMMEDIATE`
 * fails at once with SQLITE_BUSY (no busy timeout). When it succeeds it is rolled back at once,
 * having written nothing, so probing never changes the snapshot the writer works on.
 */
export function isWriteLocked(file: string): boolean {
	const db = new Database(file, { fileMustExist: true, timeout: 0 });
	try {
		db.exec('BEGIN IMMEDIATE');
		db.exec('ROLLBACK');
		return false;
	} catch (error) {
		if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
		throw error;
	} finally {
		db.close();
	}
}

/** The size of the database's write-ahead log in bytes (0 when there is none). */
export function walBytes(file: string): number {
	try {
		return statSync(`${file}-wal`).size;
	} catch {
		return 0;
	}
}

export interface DatabaseHealth {
	/** `PRAGMA integrity_check`: `['ok']` when sound. */
	integrity: string[];
	/** `PRAGMA foreign_key_check`: one row per dangling reference. */
	foreignKeys: unknown[];
	/** FTS5's own check of each index table (its b-trees and, for rows it has, their tokens). */
	ftsIntegrity: 'ok' | string;
	/** Rows in each search index table, and the public rooms each must hold (the view the triggers read). */
	ftsRows: number;
	publicRooms: number;
	/** Outbox rows naming a room that does not exist (a rolled-back insert would leave these). */
	orphanOutboxRows: number;
}

/**
 * Opens a database after a crash — which replays the committed part of its WAL and drops the
 * rest, as the next server would — and reports on its consistency.
 */
export function checkDatabaseHealth(file: string): DatabaseHealth {
	const db = new Database(file, { fileMustExist: true });
	try {
		const count = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
		let ftsIntegrity = 'ok';
		try {
			for (const table of ['room_fts_han', 'room_fts_latin']) {
				db.exec(`INSERT INTO ${table}(${table}) VALUES ('integrity-check')`);
			}
		} catch (error) {
			ftsIntegrity = (error as Error).message;
		}
		const han = count('SELECT count(*) FROM room_fts_han_docsize');
		const latin = count('SELECT count(*) FROM room_fts_latin_docsize');
		return {
			integrity: db.prepare('PRAGMA integrity_check').pluck().all() as string[],
			foreignKeys: db.prepare('PRAGMA foreign_key_check').all(),
			ftsIntegrity,
			// The two tables must agree: -1 says they do not.
			ftsRows: han === latin ? han : -1,
			publicRooms: count('SELECT count(*) FROM room_search_source'),
			orphanOutboxRows: count(
				'SELECT count(*) FROM search_outbox WHERE room_id NOT IN (SELECT id FROM room)',
			),
		};
	} finally {
		db.close();
	}
}

/** The health a sound database reports, for `expect(...).toEqual(...)` (counts filled in). */
export function soundHealth(counts: { ftsRows: number; publicRooms: number }): DatabaseHealth {
	return {
		integrity: ['ok'],
		foreignKeys: [],
		ftsIntegrity: 'ok',
		orphanOutboxRows: 0,
		...counts,
	};
}

/**
 * Samples the write lock every few ms until `stop(heldForMs)` says so, where `heldForMs` is how
 * long the lock has now been held without a break; returns the longest such stretch seen. A
 * stretch that long is one transaction: SQLite's write lock is never held across two.
 */
export async function watchWriteLock(
	file: string,
	stop: (heldForMs: number) => boolean,
): Promise<{ longestMs: number }> {
	let since: number | undefined;
	let longestMs = 0;
	for (;;) {
		const now = performance.now();
		if (isWriteLocked(file)) since ??= now;
		else since = undefined;
		const heldForMs = since === undefined ? 0 : now - since;
		longestMs = Math.max(longestMs, heldForMs);
		if (stop(heldForMs)) return { longestMs };
		await sleep(5);
	}
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
