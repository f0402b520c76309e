/**
 * The benchmark's festival at a given size, built once and kept: growing the demo to 270,000 rooms
 * takes minutes, so the result is cached under a name derived from everything that shapes its
 * rows (the seed, the generator, the migrations, the size). Each run copies the cached file and
 * writes only to its copy.
 *
 * Where the rows come from, in order of preference: an existing database given with `--from`
 * (copied, never written; e.g. /tmp/large/f270k.db), `npm run db:seed -- --reset --rooms=N` once
 * that script accepts `--rooms`, else the demo grown by bench/search/generate.ts `growFestival`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemoFestival } from '../../db/seed';
import { openDatabase } from '../../src/lib/server/db';
import { countPublicRooms, growFestival } from '../search/generate';

/** The demo's size: a request for this many rooms or fewer means the demo itself. */
export const DEMO_ROOMS = 2_255;
const CACHE_DIR = path.join(os.tmpdir(), 'livefest-bench-cache');

/** Files (or folders) whose contents decide the rows and the index, hashed into the cache's name. */
const ROW_SOURCES = [
	'db/seed',
	'db/migrations',
	'bench/search/generate.ts',
	'scripts/db-seed.ts',
	'src/lib/server/search/tokens.ts',
	'src/lib/server/search/pinyin.ts',
	'src/lib/server/search/fold.ts',
	'src/lib/server/search/index-schema.ts',
];

/** Hashes every file under `entries` (sorted paths and contents). */
function hashSources(root: string, entries: string[], extra: string): string {
	const hash = createHash('sha256').update(extra);
	const visit = (entry: string): void => {
		const full = path.join(root, entry);
		if (!existsSync(full)) return;
		if (statSync(full).isDirectory()) {
			for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
			return;
		}
		hash.update(entry).update(readFileSync(full));
	};
	for (const entry of entries) visit(entry);
	return hash.digest('hex').slice(0, 12);
}

/** Whether `npm run db:seed` takes `--rooms` yet (the seed engineer's work in issue 13). */
function canSeedRooms(root: string): boolean {
	const script = path.join(root, 'scripts', 'db-seed.ts');
	return existsSync(script) && readFileSync(script, 'utf8').includes('--rooms');
}

/** Copies a SQLite file with its -wal, if any, so the copy holds every committed row. */
export function copyDatabase(from: string, to: string): void {
	rmSync(to, { force: true });
	rmSync(`${to}-wal`, { force: true });
	rmSync(`${to}-shm`, { force: true });
	copyFileSync(from, to);
	if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
}

/** Opens (and so migrates) `file`, then folds its WAL into it so one file is the whole copy. */
function migrateAndCheckpoint(file: string): number {
	const db = openDatabase(file);
	try {
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		return countPublicRooms(db);
	} finally {
		db.$client.close();
	}
}

/** Builds the festival with `rooms` public rooms into `file` (see the module's comment). */
function buildFestival(root: string, file: string, rooms: number): string {
	if (rooms > DEMO_ROOMS && canSeedRooms(root)) {
		const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: file };
		delete env.LIVEFEST_NOW; // the seed's default dates, as growFestival's
		const result = spawnSync('npm', ['run', 'db:seed', '--', '--reset', `--rooms=${rooms}`], {
			cwd: root,
			stdio: 'inherit',
			env,
		});
		if (result.status === 0) return 'npm run db:seed --rooms';
		console.log('bench: db:seed --rooms failed; growing the demo with growFestival instead');
		rmSync(file, { force: true });
	}
	const db = openDatabase(file);
	try {
		seedDemoFestival(db, {});
		if (rooms > DEMO_ROOMS) growFestival(db, rooms, rooms);
		return rooms > DEMO_ROOMS ? 'demo grown by growFestival' : 'demo seed';
	} finally {
		db.$client.close();
	}
}

export interface ScaleDatabase {
	/** The cached file; copy it with `copyDatabase` before writing. */
	file: string;
	publicRooms: number;
	/** How the rows were made. */
	origin: string;
	/** Whether this run built it (false: reused from the cache). */
	built: boolean;
	buildMs: number;
}

/**
 * The cached festival of `rooms` rooms (the demo for `rooms` ≤ the demo's size), built when missing.
 * `from`: take the rows from this database instead (copied; the original is only read).
 */
export function ensureScaleDatabase(
	root: string,
	rooms: number,
	options: { from?: string } = {},
): ScaleDatabase {
	mkdirSync(CACHE_DIR, { recursive: true });
	const from = options.from ? path.resolve(options.from) : undefined;
	const identity = from
		? `from ${from} ${statSync(from).size} ${statSync(from).mtimeMs}`
		: `rooms ${rooms} ${canSeedRooms(root) ? 'db:seed' : 'grow'}`;
	const key = hashSources(root, from ? ['db/migrations'] : ROW_SOURCES, identity);
	const file = path.join(CACHE_DIR, `festival-${from ? 'from' : rooms}-${key}.db`);
	const origin = from ? `copied from ${from}` : undefined;
	const facts = `${file}.json`;
	if (existsSync(file) && existsSync(facts)) {
		const known = JSON.parse(readFileSync(facts, 'utf8')) as {
			publicRooms: number;
			origin: string;
		};
		return { file, ...known, built: false, buildMs: 0 };
	}
	// An older build of the same kind is stale now: remove it rather than fill the disk.
	const kind = `festival-${from ? 'from' : rooms}-`;
	for (const entry of readdirSync(CACHE_DIR)) {
		if (entry.startsWith(kind)) rmSync(path.join(CACHE_DIR, entry), { force: true });
	}
	const started = performance.now();
	const partial = `${file}.partial`;
	let how: string;
	if (from) {
		copyDatabase(from, partial);
		how = origin!;
	} else {
		console.log(`bench: building a festival of ${rooms} rooms into ${partial} (cached after) …`);
		how = buildFestival(root, partial, rooms);
	}
	const publicRooms = migrateAndCheckpoint(partial);
	rmSync(`${partial}-wal`, { force: true });
	rmSync(`${partial}-shm`, { force: true });
	renameSync(partial, file);
	writeFileSync(facts, JSON.stringify({ publicRooms, origin: how }));
	return {
		file,
		publicRooms,
		origin: how,
		built: true,
		buildMs: Math.round(performance.now() - started),
	};
}
