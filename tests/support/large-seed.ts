/**
 * The demo festival at a large size for tests and benchmarks, built once per version of the code
 * that shapes its rows and kept in os.tmpdir(). Building runs `scripts/db-seed.ts` itself (the
 * same code as `npm run db:seed -- --reset --rooms=N`) in a child process, so a test worker stays
 * responsive and the result is what a developer's seed would be. The cached file is shared: treat
 * it as read-only, or take a private copy with `copyLargeSeed`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tryTakePidLock } from '../../src/lib/server/pid-lock';
import { findProjectRoot } from '../../src/lib/server/project-root';

export interface LargeSeedOptions {
	/** Public rooms (at least the demo's 1,989), as `--rooms`. */
	rooms: number;
	/** Merchants of every status, as `--merchants` (default ~1 per 6.5 rooms). */
	merchants?: number;
	/** Centre the festival on this instant's Shanghai date (`--now` with LIVEFEST_NOW); default 6–8 June 2026. */
	now?: Date;
}

const ROOT = findProjectRoot();
export const LARGE_SEED_DIR = path.join(os.tmpdir(), 'livefest-large-seed');
/** What decides the rows and the index: migrations, the seed, its command, the tokeniser. */
const SOURCES = [
	'db/migrations',
	'db/seed',
	'scripts/db-seed.ts',
	'src/lib/server/search/tokens.ts',
	'src/lib/server/search/pinyin.ts',
	'src/lib/server/search/fold.ts',
	'src/lib/server/search/index-schema.ts',
	'src/lib/server/search/sql-functions.ts',
	'src/lib/server/room/sql-functions.ts',
	'src/lib/server/deeplink',
	'src/lib/server/media/seed-pictures.ts',
	'src/lib/server/media/image-key.ts',
	'src/lib/shared/app-id.ts',
];
/** How often a caller waiting for another's build looks again (a dead builder's lock is taken over). */
const LOCK_POLL_MS = 1000;

/** Hashes the sources (sorted paths and contents) and the options into a short key. */
function hashKey(options: LargeSeedOptions): string {
	const hash = createHash('sha256').update(
		JSON.stringify({
			rooms: options.rooms,
			merchants: options.merchants ?? null,
			today: options.now ? shanghaiDate(options.now) : null,
		}),
	);
	const visit = (entry: string): void => {
		const full = path.join(ROOT, entry);
		if (!existsSync(full)) return;
		if (entry.endsWith('.ts') || entry.endsWith('.sql')) {
			hash.update(entry).update(readFileSync(full));
			return;
		}
		if (path.extname(entry) !== '') return;
		for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
	};
	for (const source of SOURCES) visit(source);
	return hash.digest('hex').slice(0, 16);
}

function shanghaiDate(instant: Date): string {
	return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Runs the seed command into `file`; rejects with its output when it fails. */
function runSeedCommand(file: string, options: LargeSeedOptions): Promise<void> {
	const args = ['--import', 'tsx', path.join(ROOT, 'scripts', 'db-seed.ts'), '--reset'];
	args.push(`--rooms=${options.rooms}`);
	if (options.merchants !== undefined) args.push(`--merchants=${options.merchants}`);
	if (options.now) args.push('--now');
	const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: file };
	delete env.LIVEFEST_NOW;
	if (options.now) env.LIVEFEST_NOW = options.now.toISOString();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'pipe' });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`db-seed exited with ${code}:\n${output}`)),
		);
	});
}

function removeDatabase(file: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/**
 * The path of a seeded database of this size, built when no current one is cached (about two
 * minutes at 270,000 rooms; give the calling hook that long). Concurrent callers build it once:
 * the others wait for the first. Older builds of the same size are deleted.
 */
export async function ensureLargeSeed(options: LargeSeedOptions): Promise<string> {
	mkdirSync(LARGE_SEED_DIR, { recursive: true });
	const prefix = `rooms-${options.rooms}-m${options.merchants ?? 'default'}-`;
	const file = path.join(LARGE_SEED_DIR, `${prefix}${hashKey(options)}.db`);
	const lock = `${file}.lock`;
	while (!existsSync(file)) {
		const release = tryTakePidLock(lock);
		if (!release) {
			await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
			continue;
		}
		try {
			if (existsSync(file)) break;
			for (const entry of readdirSync(LARGE_SEED_DIR)) {
				if (entry.startsWith(prefix) && !entry.startsWith(path.basename(file))) {
					rmSync(path.join(LARGE_SEED_DIR, entry), { force: true });
				}
			}
			const partial = `${file}.partial`;
			removeDatabase(partial);
			await runSeedCommand(partial, options);
			// The command checkpointed and closed: the file alone holds every row.
			rmSync(`${partial}-wal`, { force: true });
			rmSync(`${partial}-shm`, { force: true });
			renameSync(partial, file);
		} finally {
			release();
		}
	}
	return file;
}

/** A private, writable copy of the cached seed at `to` (replacing what is there). */
export async function copyLargeSeed(options: LargeSeedOptions, to: string): Promise<string> {
	const from = await ensureLargeSeed(options);
	removeDatabase(to);
	mkdirSync(path.dirname(to), { recursive: true });
	copyFileSync(from, to);
	return to;
}
