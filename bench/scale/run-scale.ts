/**
 * `npm run bench -- --rooms=N`: issue 13's figures at N public rooms beside the demo's, one size
 * after the other on its own copy of a cached festival (bench/scale/large-db.ts), each with the
 * benchmark's accounts (world.ts) and a server whose clock starts at 20:00 on the middle day and
 * runs (server.ts): cache-miss renders of every public page (pages.ts, renders.ts), hot pages
 * under autocannon without and with 5 writes/s (writes.ts), each heavy action with a prober
 * beside it (heavy.ts), then RSS and `npm start`'s start-up. Writes bench/results/scale-<date>.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureLoad, type LoadOptions } from '../peak/load';
import { readProcessMemory } from '../peak/process-stats';
import { writeDatedReport } from '../peak/report';
import { stopBenchServer } from '../search/http';
import { startFeedStub } from './feed-stub';
import { runHeavyActions } from './heavy';
import { copyDatabase, DEMO_ROOMS, ensureScaleDatabase } from './large-db';
import { listHotPages, listRenderPages } from './pages';
import { measureRender } from './renders';
import { renderScaleReport, type HotPage, type ScaleReport, type SizeRun } from './report';
import { startScaleServer } from './server';
import { timeNpmStart } from './startup';
import { prepareScaleWorld } from './world';
import { startWriter } from './writes';

export interface ScaleOptions {
	root: string;
	outDir: string;
	rooms: number;
	/** Take the large festival's rows from this database (copied, never written). */
	from?: string;
	/** Also run the demo size first (the figures the targets compare with). */
	withDemo: boolean;
	load: LoadOptions;
	writesPerS: number;
	renderSamples: number;
	buildDist: boolean;
	keep: boolean;
	/** Skip sections: `renders`, `load`, `heavy`. */
	skip: Set<string>;
}

const WRITER_MERCHANTS = 20;
const SYNC_MERCHANTS = 100;
const ROOMS_PER_FEED = 50;

/** One size, start to end, on its own copy of the festival. */
async function runSize(options: ScaleOptions, rooms: number, label: string): Promise<SizeRun> {
	const cached = ensureScaleDatabase(options.root, rooms, {
		from: rooms === options.rooms ? options.from : undefined,
	});
	const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-scale-'));
	const dbFile = path.join(dir, 'bench.db');
	console.log(`bench: ${label}: copying ${cached.file} …`);
	copyDatabase(cached.file, dbFile);
	const feeds = await startFeedStub(ROOMS_PER_FEED);
	const world = prepareScaleWorld(dbFile, {
		writers: WRITER_MERCHANTS,
		syncMerchants: SYNC_MERCHANTS,
		feedOrigin: feeds.origin,
	});
	feeds.setFestivalEnd(world.festivalEnd);
	console.log(`bench: ${label}: ${world.publicRooms} public rooms; starting the server …`);
	const server = await startScaleServer(options.root, options.outDir, dbFile, world.now);
	const run: SizeRun = {
		label,
		publicRooms: world.publicRooms,
		busiestDay: world.busiestDay,
		database: { origin: cached.origin, built: cached.built, buildMs: cached.buildMs },
		clockStart: world.now.toISOString(),
		startup: { serveMjsMs: server.startMs, npmStartMs: null, npmStartNote: 'not run' },
		renders: [],
		hot: [],
		heavy: [],
		memory: null,
		sqliteBusy: 0,
		serverLog: [],
	};
	try {
		if (!options.skip.has('renders')) {
			// One request to each page first, so the first pages measured do not pay for a cold JIT.
			for (const page of listRenderPages(world)) await fetch(server.origin + page.path);
			for (const page of listRenderPages(world)) {
				console.log(`bench: ${label}: render ${page.path.slice(0, 100)}`);
				run.renders.push(await measureRender(server.origin, page, options.renderSamples));
			}
		}
		if (!options.skip.has('load')) {
			for (const page of listHotPages(world)) {
				console.log(`bench: ${label}: load ${page.path}`);
				const url = server.origin + page.path;
				const noWrites = await measureLoad(url, options.load);
				const writer = startWriter(server.origin, world, options.writesPerS);
				const withWrites = await measureLoad(url, options.load);
				const hot: HotPage = { ...page, noWrites, withWrites, writes: await writer.stop() };
				run.hot.push(hot);
			}
		}
		if (!options.skip.has('heavy')) {
			await fetch(server.origin + '/'); // the prober's page is cached before it starts
			run.heavy = await runHeavyActions({
				root: options.root,
				outDir: options.outDir,
				dbFile,
				dir,
				server,
				world,
				feeds,
				probePath: '/',
			});
		}
		run.memory = readProcessMemory(server.child.pid!);
	} finally {
		await stopBenchServer(server.child);
		await feeds.close();
	}
	run.sqliteBusy = server.busy;
	run.serverLog = server.log.filter((line) => !/listening|finishing requests/.test(line));
	const npmStart = await timeNpmStart(options.root, dbFile, world.now, {
		buildDist: options.buildDist,
		env: { LIVEFEST_CLOCK: 'running', SYNC_INTERVAL_MS: '0' },
	});
	run.startup.npmStartMs = npmStart.ms;
	run.startup.npmStartNote = npmStart.note;
	if (options.keep) console.log(`bench: ${label}: kept ${dir}`);
	else rmSync(dir, { recursive: true, force: true });
	return run;
}

/** Runs the demo (unless not asked) and then `options.rooms`; writes and returns the report's path. */
export async function runScaleBenchmark(options: ScaleOptions): Promise<string> {
	const loadBefore = os.loadavg();
	const runs: SizeRun[] = [];
	if (options.withDemo && options.rooms > DEMO_ROOMS)
		runs.push(await runSize(options, DEMO_ROOMS, 'demo'));
	runs.push(
		await runSize(
			options,
			options.rooms,
			options.rooms > DEMO_ROOMS ? `${Math.round(options.rooms / 1000)}k` : 'demo',
		),
	);
	const when = new Date();
	const report: ScaleReport = {
		when: when.toISOString(),
		machine: { cpus: os.cpus().length, node: process.version, loadBefore },
		options: {
			connections: options.load.connections,
			durationS: options.load.durationS,
			warmupS: options.load.warmupS,
			writesPerS: options.writesPerS,
		},
		runs,
	};
	const markdown = renderScaleReport(report);
	const written = writeDatedReport(
		path.join(options.root, 'bench', 'results'),
		'scale-',
		when,
		markdown,
		report,
	);
	console.log(markdown);
	return written;
}
