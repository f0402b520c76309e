/**
 * `npm run bench:search` (also the last step of `npm run bench`): issue 3's search benchmark.
 *   - in-process FTS5 latency (p50/p95/p99) of 200 fixed queries, without and with a district
 *     filter, on the demo festival (~2,000 public rooms) and on it grown to 20,000 and 100,000;
 *   - index build time at each size (bulk load with its deferred rebuild, and a full rebuild);
 *   - where the slowest queries spend their time at the largest size;
 *   - `/api/search` throughput over HTTP with 50 connections on a build in dist-bench/.
 * Writes bench/results/search-<stamp>.{md,json} and prints the Markdown. Benchmarks never assert.
 *
 * Options: --sizes=20000,100000 (sizes above the demo) --http-sizes=2000,20000 (2000 = the demo)
 * --rounds=5 --duration=10 --connections=50 --no-http --filter-district=tianhe
 * --keep (keep the temporary database and dist-bench/, which is otherwise removed at the end)
 * --db=/tmp/large/f270k.db (measure a copy of an existing large database instead of seeding and
 * growing: at 270,000 rooms growing takes far longer than measuring; the file is never written)
 */
import { execFileSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemoFestival } from '../db/seed';
import { openDatabase, type Db } from '../src/lib/server/db';
import { createFts5Index } from '../src/lib/server/search/fts5';
import { countPublicRooms, growFestival, measureBulkLoad } from './search/generate';
import {
	ensureBenchBuild,
	measureHttpThroughput,
	startBenchServer,
	stopBenchServer,
	type HttpResult,
} from './search/http';
import { buildBenchRequest, createBenchContext, measureLatency } from './search/latency';
import { profileQuery } from './search/profile';
import { BENCH_QUERIES } from './search/queries';
import { renderSearchReport, type SearchBenchReport, type SizeReport } from './search/report';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The demo festival (seeded with its default dates) on its middle day at 20:00 Shanghai time. */
const NOW = new Date('2026-06-07T12:00:00.000Z');
const DEMO_SIZE = 2000;
const notes: string[] = [];
const loadAtStart = +os.loadavg()[0]!.toFixed(2);

const { values: args } = parseArgs({
	options: {
		sizes: { type: 'string', default: '20000,100000' },
		'http-sizes': { type: 'string', default: '2000,20000' },
		rounds: { type: 'string', default: '5' },
		duration: { type: 'string', default: '10' },
		connections: { type: 'string', default: '50' },
		'filter-district': { type: 'string', default: 'tianhe' },
		'no-http': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		db: { type: 'string' },
	},
});
const parseSizes = (list: string): number[] =>
	list
		.split(',')
		.map((s) => Number(s.trim()))
		.filter((n) => Number.isInteger(n) && n > 0);
const growSizes = parseSizes(args.sizes)
	.filter((n) => n > DEMO_SIZE)
	.sort((a, b) => a - b);
const httpSizes = new Set(args['no-http'] ? [] : parseSizes(args['http-sizes']));
const rounds = Math.max(1, Number(args.rounds) || 5);
const connections = Math.max(1, Number(args.connections) || 50);
const durationS = Math.max(1, Number(args.duration) || 10);

/** A command's trimmed output, or a placeholder when it cannot run (no git, say). */
function readCommand(file: string, argv: string[]): string {
	try {
		return execFileSync(file, argv, { cwd: ROOT, encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

/** Size of the database file after a checkpoint, and of the FTS5 tables if dbstat is compiled in. */
function measureStorage(db: Db, dbFile: string): { dbMB: number; ftsMB: number | null } {
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
	const dbMB = +(statSync(dbFile).size / 1024 / 1024).toFixed(1);
	try {
		const bytes = db.$client
			.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'room_fts%'")
			.pluck()
			.get() as number;
		return { dbMB, ftsMB: +(bytes / 1024 / 1024).toFixed(1) };
	} catch {
		return { dbMB, ftsMB: null };
	}
}

/** Counts the rows a size is made of, for the build table. */
function countRows(db: Db): { merchants: number; products: number } {
	const count = (sql: string) => db.$client.prepare(sql).pluck().get() as number;
	return {
		merchants: count("SELECT count(*) FROM merchant WHERE status = 'approved'"),
		products: count(
			'SELECT count(*) FROM room_product WHERE room_id IN (SELECT id FROM room_search_source)',
		),
	};
}

/** Times the full index rebuild the portal offers (`npm run search:rebuild` for FTS5). */
async function measureRebuild(db: Db): Promise<number> {
	const t0 = performance.now();
	await createFts5Index(db).rebuild();
	return Math.round(performance.now() - t0);
}

const BENCH_OUT_DIR = path.join(ROOT, 'dist-bench');
let built = false;

/**
 * Runs the HTTP load against a server on `dbFile`, or says why it could not. Builds on first use
 * (after the in-process figures, so a build never competes with them) and keeps that build for
 * the larger sizes, so every size is served by the same code.
 */
async function runHttp(dbFile: string, rooms: number): Promise<HttpResult | { skipped: string }> {
	if (!built) {
		const buildError = await ensureBenchBuild(ROOT, BENCH_OUT_DIR);
		if (buildError) {
			notes.push(`HTTP at ${rooms.toLocaleString('en-US')} rooms skipped: ${buildError}`);
			return { skipped: 'the build failed (see notes)' };
		}
		built = true;
	}
	try {
		const { origin, server } = await startBenchServer(ROOT, BENCH_OUT_DIR, dbFile, NOW);
		try {
			console.log(`bench:search: HTTP load at ${rooms} rooms, ${connections} connections …`);
			return await measureHttpThroughput(
				origin,
				BENCH_QUERIES.map((query) => query.q),
				{ rooms, connections, durationS, warmupS: 2 },
			);
		} finally {
			await stopBenchServer(server);
		}
	} catch (error) {
		notes.push(
			`HTTP at ${rooms.toLocaleString('en-US')} rooms failed: ${(error as Error).message}`,
		);
		return { skipped: 'the server failed (see notes)' };
	}
}

/** Measures one size: rebuild, in-process latency (two passes), profile, HTTP. */
async function measureSize(
	db: Db,
	dbFile: string,
	label: string,
	load: SizeReport['load'],
	withHttp: boolean,
	profileSlowest: boolean,
): Promise<SizeReport> {
	const rooms = countPublicRooms(db);
	console.log(`bench:search: ${rooms} public rooms; rebuilding the index …`);
	const rebuildMs = await measureRebuild(db);
	const storage = measureStorage(db, dbFile);
	const ctx = createBenchContext(db, NOW);
	const district = args['filter-district'];
	console.log(`bench:search: ${rooms} rooms: timing ${BENCH_QUERIES.length} queries × ${rounds} …`);
	const passes = [
		measureLatency(ctx, BENCH_QUERIES, { label: 'none', rounds }),
		measureLatency(ctx, BENCH_QUERIES, {
			label: `district=${district}`,
			filters: { district },
			rounds,
		}),
	];
	const profiles = profileSlowest
		? passes[0]!.slowest.map((slow) => profileQuery(db, buildBenchRequest(ctx, slow.q)))
		: [];
	const http = withHttp ? await runHttp(dbFile, rooms) : null;
	return {
		label,
		rooms,
		...countRows(db),
		load,
		rebuildMs,
		...storage,
		passes,
		profiles,
		http,
	};
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-bench-search-'));
const dbFile = path.join(dir, 'search.db');
const sizes: SizeReport[] = [];
let sqliteVersion = 'unknown';
try {
	if (args.db) {
		// A copy (with its WAL, if any): the original is never written, migrations included.
		copyFileSync(args.db, dbFile);
		if (existsSync(`${args.db}-wal`)) copyFileSync(`${args.db}-wal`, `${dbFile}-wal`);
	}
	const db = openDatabase(dbFile);
	if (args.db) {
		const rooms = countPublicRooms(db);
		const none = { totalMs: 0, generateInsertMs: 0, deferredRebuildMs: 0 };
		sizes.push(
			await measureSize(
				db,
				dbFile,
				String(rooms),
				{ source: args.db, ...none },
				httpSizes.has(rooms),
				true,
			),
		);
		growSizes.length = 0;
	}
	sqliteVersion = db.$client.prepare('SELECT sqlite_version()').pluck().get() as string;
	const largest = growSizes[growSizes.length - 1] ?? DEMO_SIZE;
	if (!args.db) {
		console.log('bench:search: seeding the demo festival …');
		const demo = measureBulkLoad(db, () => seedDemoFestival(db, {}));
		sizes.push(
			await measureSize(
				db,
				dbFile,
				'demo',
				{ source: 'demo seed', ...demo },
				httpSizes.has(DEMO_SIZE),
				largest === DEMO_SIZE,
			),
		);
	}
	for (const target of growSizes) {
		if (target <= countPublicRooms(db)) continue;
		console.log(`bench:search: generating rooms up to ${target} …`);
		const grown = measureBulkLoad(db, () => growFestival(db, target, target));
		const from = sizes[sizes.length - 1]!.rooms;
		sizes.push(
			await measureSize(
				db,
				dbFile,
				String(target),
				{
					source: `+${grown.result.addedRooms.toLocaleString('en-US')} on ${from.toLocaleString('en-US')}`,
					...grown,
				},
				httpSizes.has(target),
				target === largest,
			),
		);
	}
	db.$client.close();
} finally {
	if (args.keep) {
		console.log(`bench:search: kept ${dbFile} and dist-bench/`);
	} else {
		rmSync(dir, { recursive: true, force: true });
		// tsconfig.json excludes only dist/, so a build left here would fail `astro check`.
		rmSync(BENCH_OUT_DIR, { recursive: true, force: true });
	}
}

const report: SearchBenchReport = {
	when: new Date().toISOString(),
	machine: {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
		node: process.version,
		sqlite: sqliteVersion,
		load: [loadAtStart, +os.loadavg()[0]!.toFixed(2)],
		commit: `${readCommand('git', ['rev-parse', '--short', 'HEAD'])}${
			readCommand('git', ['status', '--porcelain']) === '' ? '' : ' + uncommitted changes'
		}`,
	},
	now: NOW.toISOString(),
	queries: BENCH_QUERIES.length,
	sizes,
	notes,
};
const markdown = renderSearchReport(report);
const outDir = path.join(ROOT, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const stamp = report.when.replace(/[:.]/g, '-');
writeFileSync(path.join(outDir, `search-${stamp}.json`), JSON.stringify(report, null, '\t'));
writeFileSync(path.join(outDir, `search-${stamp}.md`), markdown);
console.log(markdown);
console.log(`bench:search: wrote bench/results/search-${stamp}.{md,json}`);
