import {
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readdirSync,
	renameSync,
	rmSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface BackupResult {
	file: string;
	pages: number;
	/** Older backups deleted by the retention rule. */
	pruned: string[];
}

/** Raised when a restore finds another connection (the running server) holding the database. */
export class DatabaseInUseError extends Error {}

/**
 * `PRAGMA integrity_check` (and `foreign_key_check`) on a SQLite file opened read-only; returns
 * the problems found, an empty list when the file is sound.
 */
export function checkIntegrity(file: string): string[] {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const rows = db.pragma('integrity_check') as { integrity_check: string }[];
		const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
		const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number }[];
		for (const o of orphans) problems.push(`foreign key broken: ${o.table} rowid ${o.rowid}`);
		return problems;
	} finally {
		db.close();
	}
}

/** `livefest-2026-06-07T04-00-00-000Z.db`: sortable by name, one per millisecond. */
function backupName(source: string, now: Date): string {
	const stem = path.basename(source).replace(/\.[^.]*$/, '');
	return `${stem}-${now.toISOString().replace(/[:.]/g, '-')}.db`;
}

function listBackups(dir: string, source: string): string[] {
	const stem = path.basename(source).replace(/\.[^.]*$/, '');
	const pattern = new RegExp(
		`^${stem.replace(/[^A-Za-z0-9_]/g, '\\$&')}-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z\\.db$`,
	);
	return readdirSync(dir)
		.filter((name) => pattern.test(name))
		.sort();
}

function fsyncPath(file: string): void {
	const fd = openSync(file, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/**
 * Pages copied per step of a backup: 4 MB, a few milliseconds, then a turn of the event loop
 * (better-sqlite3 runs each step with `setImmediate`), so a backup taken inside a server never
 * holds its loop, whatever the database's size.
 */
export const BACKUP_STEP_PAGES = 1000;

/**
 * Takes an online backup of `source` with SQLite's backup API while the server keeps writing
 * — in steps of BACKUP_STEP_PAGES pages, all inside one read transaction, so the result is one
 * consistent snapshot that concurrent writes neither block nor restart — into
 * `<dir>/<name>-<UTC timestamp>.db`. The copy is switched to a rollback journal (one
 * self-contained file), checked with `integrity_check` under a `.partial` name and only then
 * given its final name, so a listed backup is always a sound one. Afterwards keeps the newest
 * `keep` backups of this database in `dir` and deletes the older ones.
 */
export async function backupDatabase(
	source: string,
	options: {
		dir: string;
		keep: number;
		now?: Date;
		/** Called after each step with the pages left and in all (tests, progress). */
		onStep?: (progress: { remainingPages: number; totalPages: number }) => void;
	},
): Promise<BackupResult> {
	if (!Number.isInteger(options.keep) || options.keep < 1) throw new Error('keep must be ≥ 1');
	mkdirSync(options.dir, { recursive: true });
	const final = path.join(options.dir, backupName(source, options.now ?? new Date()));
	const partial = `${final}.partial`;
	const db = new Database(source, { fileMustExist: true });
	let pages = 0;
	try {
		db.pragma('busy_timeout = 5000');
		// One read transaction for the whole copy: its pages are one snapshot (WAL), so writers
		// elsewhere neither wait for the backup nor restart it, and it can go in small steps.
		db.exec('BEGIN');
		db.prepare('SELECT count(*) FROM sqlite_master').get();
		const result = await db.backup(partial, {
			progress: (p) => {
				options.onStep?.(p);
				return BACKUP_STEP_PAGES;
			},
		});
		pages = result.totalPages;
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	} finally {
		if (db.inTransaction) db.exec('COMMIT');
		db.close();
	}
	const copy = new Database(partial);
	copy.pragma('journal_mode = DELETE');
	copy.close();
	const problems = checkIntegrity(partial);
	if (problems.length > 0) {
		rmSync(partial, { force: true });
		throw new Error(`backup of ${source} failed its integrity check: ${problems.join('; ')}`);
	}
	fsyncPath(partial);
	renameSync(partial, final);
	fsyncPath(options.dir);
	const backups = listBackups(options.dir, source);
	const pruned = backups.slice(0, Math.max(0, backups.length - options.keep));
	for (const name of pruned) rmSync(path.join(options.dir, name), { force: true });
	return { file: final, pages, pruned: pruned.map((name) => path.join(options.dir, name)) };
}

/**
 * Replaces `target` with the backup `from`. Refuses a backup that fails its integrity check,
 * and refuses while any other connection has `target` open (the running server): it takes
 * SQLite's exclusive lock first, which an open WAL connection prevents, and holds it until the
 * new file is in place. The backup is copied beside the target and renamed over it (atomic on
 * one file system), and the old -wal/-shm files are removed so they are not replayed into it.
 */
export function restoreDatabase(from: string, target: string): void {
	const problems = checkIntegrity(from);
	if (problems.length > 0) {
		throw new Error(`${from} fails its integrity check, not restored: ${problems.join('; ')}`);
	}
	const lock = existsSync(target) ? lockExclusively(target) : undefined;
	const temp = path.join(path.dirname(target), `.${path.basename(target)}.restore-${process.pid}`);
	try {
		mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
		copyFileSync(from, temp);
		fsyncPath(temp);
		renameSync(temp, target);
		for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
		fsyncPath(path.dirname(path.resolve(target)));
	} finally {
		rmSync(temp, { force: true });
		lock?.close();
	}
}

/**
 * Opens `file` in exclusive locking mode and leaves the old database in rollback-journal mode,
 * so closing this connection later touches no -wal/-shm file by name.
 */
function lockExclusively(file: string): Database.Database {
	const db = new Database(file, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 200');
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE; COMMIT;');
		db.pragma('journal_mode = DELETE');
		return db;
	} catch (error) {
		db.close();
		if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
			throw new DatabaseInUseError(
				`${file} is open in another process (is the server running?); stop it and retry`,
			);
		}
		throw error;
	}
}
