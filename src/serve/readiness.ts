import { constants, accessSync, existsSync, readFileSync, statfsSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * Whether this node should be sent traffic (`/readyz`): each check gives its reason when it fails,
 * in words an operator can act on. The database must be writable — its file, its WAL and its
 * folder writable for this process's user, enough free space on its file system, and the write
 * lock obtainable within 2 s; the migrations this build knows applied, and none it does not know;
 * with Meilisearch, no change waiting in the outbox longer than the bound; with the room sync on,
 * a pass finished recently. A report is reused for a second, so a flood of probes costs nothing.
 */

export interface ReadinessCheck {
	name: 'database' | 'migrations' | 'search-outbox' | 'sync' | 'server';
	ok: boolean;
	/** Why not, when not. */
	reason?: string;
}

export interface ReadinessReport {
	ready: boolean;
	checks: ReadinessCheck[];
}

export interface ReadinessOptions {
	sqlite: Database.Database;
	file: string;
	migrationsDir: string;
	minFreeBytes: number;
	/** With Meilisearch configured: the longest a change may wait in the outbox. */
	outboxLagMs?: number;
	/** With the sync on: when its last pass finished (or the worker started), and the bound. */
	sync?: { lastProgressAt(): number; boundMs: number };
	clock?: () => number;
}

export interface Readiness {
	check(): Promise<ReadinessReport>;
	/** From now on the node is not ready: it is stopping (SIGTERM). */
	markStopping(): void;
}

/** How long the write lock may be held by others before the node is not ready. */
const LOCK_WAIT_MS = 2_000;
const LOCK_RETRY_MS = 50;
/** A report is reused this long. */
const REUSE_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The file system refuses this process writing the database, its WAL, or new files beside it. */
function findUnwritable(file: string): string | undefined {
	for (const target of [file, `${file}-wal`, path.dirname(path.resolve(file))]) {
		if (target.endsWith('-wal') && !existsSync(target)) continue;
		try {
			accessSync(target, constants.W_OK);
		} catch (error) {
			return `${path.basename(target)} is read-only for this process (${(error as NodeJS.ErrnoException).code})`;
		}
	}
	return undefined;
}

/**
 * Takes the write lock and lets it go at once, writing nothing: busy-waiting here would hold the
 * event loop, so it tries without a busy timeout and waits between tries.
 */
async function tryWriteLock(sqlite: Database.Database): Promise<string | undefined> {
	const deadline = Date.now() + LOCK_WAIT_MS;
	for (;;) {
		const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
		sqlite.pragma('busy_timeout = 0');
		try {
			sqlite.exec('BEGIN IMMEDIATE');
			sqlite.exec('ROLLBACK');
			return undefined;
		} catch (error) {
			const code = (error as { code?: string }).code ?? 'error';
			if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') return `cannot write (${code})`;
			if (Date.now() >= deadline)
				return `another writer has held the lock for over ${LOCK_WAIT_MS / 1000} s`;
		} finally {
			sqlite.pragma(`busy_timeout = ${timeout}`);
		}
		await sleep(LOCK_RETRY_MS);
	}
}

/** The journal's migrations compared with those the database has applied. */
function checkMigrations(sqlite: Database.Database, dir: string): string | undefined {
	const journal = JSON.parse(readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as {
		entries: { when: number }[];
	};
	const known = journal.entries.map((e) => e.when);
	const applied = sqlite
		.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at')
		.pluck()
		.all() as number[];
	const pending = known.filter((when) => !applied.includes(when)).length;
	const unknown = applied.filter((when) => !known.includes(when)).length;
	if (pending > 0) return `${pending} migration(s) of this build not applied`;
	if (unknown > 0)
		return `the database has ${unknown} migration(s) this build does not know (a newer build ran)`;
	return undefined;
}

export function createReadiness(options: ReadinessOptions): Readiness {
	const clock = options.clock ?? Date.now;
	const oldest = options.sqlite
		.prepare('SELECT min(changed_at) FROM search_outbox')
		.pluck() as Database.Statement<[], number | null>;
	let stopping = false;
	let last: { at: number; report: Promise<ReadinessReport> } | undefined;

	async function database(): Promise<ReadinessCheck> {
		const unwritable = findUnwritable(options.file);
		if (unwritable) return { name: 'database', ok: false, reason: unwritable };
		const fs = statfsSync(path.dirname(path.resolve(options.file)));
		const free = fs.bavail * fs.bsize;
		if (free < options.minFreeBytes) {
			const mb = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MB`;
			return {
				name: 'database',
				ok: false,
				reason: `${mb(free)} free on its file system (at least ${mb(options.minFreeBytes)} needed)`,
			};
		}
		const lock = await tryWriteLock(options.sqlite);
		return lock ? { name: 'database', ok: false, reason: lock } : { name: 'database', ok: true };
	}

	function outbox(now: number): ReadinessCheck | undefined {
		if (options.outboxLagMs === undefined) return undefined;
		const since = oldest.get() ?? null;
		const lag = since === null ? 0 : now - since;
		if (lag <= options.outboxLagMs) return { name: 'search-outbox', ok: true };
		const reason = `the oldest change has waited ${Math.round(lag / 1000)} s for Meilisearch (bound ${Math.round(options.outboxLagMs / 1000)} s)`;
		return { name: 'search-outbox', ok: false, reason };
	}

	function sync(now: number): ReadinessCheck | undefined {
		if (!options.sync) return undefined;
		const idle = now - options.sync.lastProgressAt();
		if (idle <= options.sync.boundMs) return { name: 'sync', ok: true };
		const reason = `no room sync pass has finished for ${Math.round(idle / 1000)} s (bound ${Math.round(options.sync.boundMs / 1000)} s)`;
		return { name: 'sync', ok: false, reason };
	}

	async function run(): Promise<ReadinessReport> {
		const now = clock();
		const migrations = checkMigrations(options.sqlite, options.migrationsDir);
		const checks = [
			await database(),
			migrations
				? { name: 'migrations' as const, ok: false, reason: migrations }
				: { name: 'migrations' as const, ok: true },
			outbox(now),
			sync(now),
			stopping ? { name: 'server' as const, ok: false, reason: 'stopping' } : undefined,
		].filter((c): c is ReadinessCheck => c !== undefined);
		return { ready: checks.every((c) => c.ok), checks };
	}

	return {
		check() {
			const now = clock();
			if (!last || now - last.at >= REUSE_MS || stopping) last = { at: now, report: run() };
			return last.report;
		},
		markStopping() {
			stopping = true;
		},
	};
}
