/**
 * `npm run bench`: issue 8's figures in one run, written to bench/results/<YYYY-MM-DD>.{md,json}:
 *   - time from `npm start` (and from `node dist-bench/serve.mjs`) to the first response;
 *   - peak throughput of four pages, side by side with the limit: a bare node:http server in its
 *     own process replaying the portal's exact bytes (bench/peak/), autocannon for both, one at a
 *     time; the ratio portal/limit, p50/p99 and errors against the targets;
 *   - the cache-miss render time of each page (`Cache-Control: no-cache`) and the server's RSS;
 *   - the front-end budgets (bench/frontend/, Lighthouse and script weight) when that module is there;
 *   - then `npm run bench:search` (bench/search.ts) unless `--pages-only`.
 * Options: --pages-only --no-frontend --duration=10 --connections=50 --warmup=3 --keep
 * (keep dist-bench/) --no-build-dist (do not build a stale dist/: `npm start` is then not timed).
 * With `--rooms=N` it runs issue 13's scale benchmark instead (bench/scale/run-scale.ts): the demo
 * and N rooms side by side, written to bench/results/scale-<date>.{md,json}; see bench/README.md
 * for its options (--from, --no-demo, --writes, --samples, --skip).
 * Benchmarks are not tests: nothing here asserts a threshold.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDemoFestival } from '../db/seed';
import { openDatabase } from '../src/lib/server/db';
import { findPublishedFestival } from '../src/lib/server/festival/current';
import { countRoomsByDay } from '../src/lib/server/festival/overview';
import { measureLoad, type LoadOptions } from './peak/load';
import { copyPortalResponse, measureMisses, startLimitServer } from './peak/pages';
import { readProcessMemory } from './peak/process-stats';
import { renderPeakReport, writeDatedReport, type PagePeak, type PeakReport } from './peak/report';
import { runScaleBenchmark } from './scale/run-scale';
import { timeNpmStart } from './scale/startup';
import { ensureBenchBuild, startBenchServer, stopBenchServer } from './search/http';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(ROOT, 'dist-bench');
const MISS_REQUESTS = 50;

const { values: args } = parseArgs({
	options: {
		'pages-only': { type: 'boolean', default: false },
		'no-frontend': { type: 'boolean', default: false },
		'no-build-dist': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		duration: { type: 'string', default: '10' },
		connections: { type: 'string', default: '50' },
		warmup: { type: 'string', default: '3' },
		rooms: { type: 'string' },
		from: { type: 'string' },
		'no-demo': { type: 'boolean', default: false },
		writes: { type: 'string', default: '5' },
		samples: { type: 'string', default: '20' },
		skip: { type: 'string', default: '' },
	},
});
const load: LoadOptions = {
	connections: Number(args.connections),
	durationS: Number(args.duration),
	warmupS: Number(args.warmup),
};

/** The demo festival's middle day at 20:00 Shanghai time: the evening peak. */
const NOW = new Date();
NOW.setUTCHours(12, 0, 0, 0);

const buildError = await ensureBenchBuild(ROOT, OUT_DIR);
if (buildError) throw new Error(buildError);

if (args.rooms !== undefined) {
	const written = await runScaleBenchmark({
		root: ROOT,
		outDir: OUT_DIR,
		rooms: Number(args.rooms),
		from: args.from,
		withDemo: !args['no-demo'],
		load,
		writesPerS: Number(args.writes),
		renderSamples: Number(args.samples),
		buildDist: !args['no-build-dist'],
		keep: args.keep,
		skip: new Set(args.skip.split(',').filter(Boolean)),
	});
	console.log(`bench: wrote ${path.relative(ROOT, written)} (and .json)`);
	if (!args.keep) rmSync(OUT_DIR, { recursive: true, force: true });
	process.exit(0);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-bench-'));
const dbFile = path.join(dir, 'bench.db');
const db = openDatabase(dbFile);
ensureDemoFestival(db, { now: NOW });
const festival = findPublishedFestival(db)!;
const busiest = countRoomsByDay(db, festival).reduce((a, b) => (b.count > a.count ? b : a));
// A public room: approved, of an approved merchant (or a showcase room, which has none).
const roomId = db.$client
	.prepare(
		`select r.id from room r left join merchant m on m.id = r.merchant_id
		 where r.review_status = 'approved' and (m.id is null or m.status = 'approved')
		 order by r.id limit 1`,
	)
	.pluck()
	.get() as number;
db.$client.close();

const PAGES = [
	{ name: 'home', path: '/', missTargeted: false },
	{ name: 'schedule', path: `/schedule?day=${busiest.day}`, missTargeted: true },
	{ name: 'room', path: `/rooms/${roomId}`, missTargeted: true },
	{ name: 'search API', path: `/api/search?q=${encodeURIComponent('女装')}`, missTargeted: false },
];

/** Starts `node dist-bench/serve.mjs` (the pid is the server's own) and times its first answer. */
async function startPortal(): Promise<{ origin: string; server: ChildProcess; ms: number }> {
	const started = performance.now();
	const { origin, server } = await startBenchServer(ROOT, OUT_DIR, dbFile, NOW);
	return { origin, server, ms: Math.round(performance.now() - started) };
}

/** Front-end budgets from bench/frontend/ (another module), or why they were not measured. */
async function measureFrontEnd(origin: string): Promise<PeakReport['frontEnd']> {
	if (args['no-frontend']) return null;
	const file = path.join(ROOT, 'bench', 'frontend', 'index.ts');
	if (!existsSync(file)) return { notMeasured: 'bench/frontend/index.ts does not exist' };
	try {
		const frontEnd = (await import(pathToFileURL(file).href)) as {
			runFrontEndBudgets(
				origin: string,
				pages: { name: string; path: string }[],
			): Promise<{ markdown: string; json: unknown }>;
		};
		return await frontEnd.runFrontEndBudgets(origin, [
			{ name: 'home', path: '/' },
			{ name: 'schedule', path: '/schedule' },
			{ name: 'room', path: `/rooms/${roomId}` },
			{ name: 'search', path: `/search?q=${encodeURIComponent('女装')}` },
		]);
	} catch (error) {
		return { notMeasured: (error as Error).message.split('\n')[0]! };
	}
}

const npmStart = await timeNpmStart(ROOT, dbFile, NOW, { buildDist: !args['no-build-dist'] });

// 1. The portal's bytes for each URL, then the limit server replaying them.
let portal = await startPortal();
const serveMjsMs = portal.ms;
const replayed = [];
for (const page of PAGES) replayed.push(await copyPortalResponse(portal.origin, page.path));
await stopBenchServer(portal.server);

const limit = await startLimitServer(ROOT, dir, replayed);
const limitResults = [];
for (const page of PAGES) {
	console.log(`bench: limit ${page.path}`);
	limitResults.push(await measureLoad(limit.origin + page.path, load));
}
await stopBenchServer(limit.child);

// 2. The portal under the same load (the warm-up fills its cache), then renders past the cache.
portal = await startPortal();
const pages: PagePeak[] = [];
for (const [i, page] of PAGES.entries()) {
	console.log(`bench: portal ${page.path}`);
	const portalResult = await measureLoad(portal.origin + page.path, load);
	pages.push({
		...page,
		bodyKB: +(Buffer.from(replayed[i]!.bodyBase64, 'base64').length / 1024).toFixed(1),
		limit: limitResults[i]!,
		portal: portalResult,
		ratio: portalResult.requestsPerSecond / Math.max(1, limitResults[i]!.requestsPerSecond),
		misses: { clientMedianMs: 0, clientP90Ms: 0, appMedianMs: 0 },
	});
}
const memory = readProcessMemory(portal.server.pid!);
for (const page of pages)
	page.misses = await measureMisses(portal.origin, page.path, MISS_REQUESTS);
const frontEnd = await measureFrontEnd(portal.origin);
await stopBenchServer(portal.server);
rmSync(dir, { recursive: true, force: true });

const when = new Date();
const report: PeakReport = {
	when: when.toISOString(),
	machine: { cpus: os.cpus().length, node: process.version },
	busiestDay: busiest,
	startup: { npmStartMs: npmStart.ms, npmStartNote: npmStart.note, serveMjsMs },
	load,
	missRequests: MISS_REQUESTS,
	pages,
	memory,
	frontEnd,
};
const markdown = renderPeakReport(report);
const written = writeDatedReport(path.join(ROOT, 'bench', 'results'), '', when, markdown, report);
console.log(markdown);
console.log(`bench: wrote ${path.relative(ROOT, written)} (and .json)`);

// The search benchmark (issue 3) runs last, in its own process so neither run's heap colours the
// other's figures; it writes bench/results/search-<stamp>.{md,json} and removes dist-bench/.
if (args['pages-only']) {
	if (!args.keep) rmSync(OUT_DIR, { recursive: true, force: true });
} else {
	const search = spawnSync('npm', ['run', 'bench:search', ...(args.keep ? ['--', '--keep'] : [])], {
		cwd: ROOT,
		stdio: 'inherit',
	});
	if (search.status !== 0) process.exitCode = search.status ?? 1;
}
