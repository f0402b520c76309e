/**
 * `npm run bench:soak`: issue 8's soak and issue 9's faults. Seeds the demo festival and K merchant
 * accounts into a temporary database, starts `node dist-bench/serve.mjs` on the real clock (room
 * submissions must start in the future), and for `--duration` seconds runs `--connections`
 * loops of mixed traffic: 95% anonymous GETs spread over many public URLs in both languages, 5%
 * merchant room submissions and edits through the real action, each with a unique marker.
 * Meanwhile a stand-in Meilisearch (bench/soak/meili-stub.ts) goes down twice and hangs once, and
 * an online backup (`npm run db:backup`) is taken half-way. Reports errors, latency per kind, the
 * server's RSS, SQLITE_BUSY, lost writes and the backup to bench/results/soak-<date>.{md,json}.
 * Options: --duration=300 --connections=200 --merchants=20 --write-share=0.05 --no-faults --keep
 * --cpu-prof=<dir> (the server writes a V8 CPU profile there when it stops: where its time went)
 * --rooms=N (a festival of N public rooms from bench/scale/large-db.ts's cache, on a clock started
 * at 20:00 on its middle day and running, since its dates are fixed) --from=<db> (its rows).
 * Nothing asserts: the report marks the targets ✅/❌.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/lib/server/db';
import { findPublishedFestival, listFestivalDays } from '../src/lib/server/festival/current';
import { findFreePort, waitForFirstResponse } from '../tests/support/net';
import { readCpuSeconds, readProcessMemory } from './peak/process-stats';
import { writeDatedReport } from './peak/report';
import { copyDatabase, ensureScaleDatabase, type ScaleDatabase } from './scale/large-db';
import { pickBenchNow } from './scale/world';
import { ensureBenchBuild, stopBenchServer } from './search/http';
import { checkBackup, runBackup, scheduleFaults, type FaultEvent } from './soak/faults';
import { startMeiliStub, type MeiliStub } from './soak/meili-stub';
import { renderSoakReport, type SoakReport } from './soak/report';
import { createRequester, readText, runLoops, TrafficTally } from './soak/traffic';
import { prepareSoakWorld, type GetKind } from './soak/world';
import { buildRoomForm, pickNewRoomTimes, postRoomSave, WriteLedger } from './soak/writes';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = path.join(ROOT, 'dist-bench');

const { values: args } = parseArgs({
	options: {
		duration: { type: 'string', default: '300' },
		connections: { type: 'string', default: '200' },
		merchants: { type: 'string', default: '20' },
		'write-share': { type: 'string', default: '0.05' },
		'no-faults': { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		'cpu-prof': { type: 'string' },
		rooms: { type: 'string' },
		from: { type: 'string' },
	},
});
const durationS = Number(args.duration);
const connections = Number(args.connections);
const writeShare = Number(args['write-share']);
const withFaults = !args['no-faults'];

/** How visitors spread over the kinds of page (the rest of the 95%). */
const GET_MIX: [GetKind, number][] = [
	['home', 0.15],
	['schedule', 0.35],
	['room', 0.3],
	['search-page', 0.08],
	['search-api', 0.08],
	['other', 0.04],
];

const buildError = await ensureBenchBuild(ROOT, OUT_DIR);
if (buildError) throw new Error(buildError);

const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-soak-'));
const dbFile = path.join(dir, 'soak.db');
/** With --rooms: the cached festival (fixed dates) and the instant the server's clock starts at. */
let scale: { cached: ScaleDatabase; now: Date } | undefined;
if (args.rooms !== undefined) {
	const cached = ensureScaleDatabase(ROOT, Number(args.rooms), { from: args.from });
	console.log(`bench:soak: copying ${cached.file} …`);
	copyDatabase(cached.file, dbFile);
	const db = openDatabase(dbFile);
	const days = listFestivalDays(findPublishedFestival(db)!);
	db.$client.close();
	scale = { cached, now: pickBenchNow(days) };
}
const world = prepareSoakWorld(dbFile, {
	merchants: Number(args.merchants),
	now: scale?.now ?? new Date(),
});
const stub: MeiliStub | undefined = withFaults ? await startMeiliStub() : undefined;

/** Answers slower than this are listed in the report with what the server's log says of them. */
const SLOW_MS = 10_000;
const slowest: string[] = [];

/** When the server began and ended each of the load's requests, by the id it logged. */
const served = new Map<string, { endedAt: number; ms: number; aborted: boolean }>();
function noteAccessLine(line: string): void {
	if (!line.includes('"id":"soak-')) return;
	try {
		const entry = JSON.parse(line) as { id: string; time: string; ms: number; aborted?: boolean };
		served.set(entry.id, {
			endedAt: Date.parse(entry.time),
			ms: entry.ms,
			aborted: entry.aborted === true,
		});
	} catch {
		// Not a JSON line after all: nothing to note.
	}
}

/**
 * A failure's text with what the server's access log says of it: never logged, or begun how long
 * after it was sent (a request the server read late) and how it ended.
 */
function explainFailure(failure: string): string {
	const found = /\[(soak-\d+) sent (\S+)\]/.exec(failure);
	if (!found) return failure;
	const entry = served.get(found[1]!);
	if (!entry) return `${failure}: not in the server's access log`;
	const began = entry.endedAt - entry.ms - Date.parse(found[2]!);
	return `${failure}: the server began it ${(began / 1000).toFixed(1)} s after it was sent and ${entry.aborted ? 'saw it aborted' : 'answered'} after ${Math.round(entry.ms)} ms`;
}

/** The server's output, scanned for SQLITE_BUSY and kept in part for the report. */
const serverLog = { busy: 0, lines: 0, notable: [] as string[] };
function watchOutput(child: ChildProcess): void {
	for (const stream of [child.stdout!, child.stderr!]) {
		stream.setEncoding('utf8');
		// Output arrives in chunks that split lines: the unfinished end waits for the next chunk.
		let rest = '';
		stream.on('data', (text: string) => {
			const lines = (rest + text).split('\n');
			rest = lines.pop()!;
			for (const line of lines) {
				if (!line.trim()) continue;
				serverLog.lines += 1;
				if (line.includes('SQLITE_BUSY')) serverLog.busy += 1;
				noteAccessLine(line);
				// One access line per request (src/serve/request-log.ts): counted, not kept.
				const routine = /listening|"msg":"request"/.test(line);
				if (serverLog.notable.length < 40 && !routine) serverLog.notable.push(line.slice(0, 300));
			}
		});
	}
}

const port = await findFreePort();
const origin = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
	...process.env,
	DATABASE_PATH: dbFile,
	HOST: '127.0.0.1',
	PORT: String(port),
	PUBLIC_ORIGIN: origin,
	// Loopback is a trusted proxy, so the server logs each request under the id the load sent.
	TRUSTED_PROXIES: '127.0.0.1',
	UPLOAD_DIR: path.join(dir, 'uploads'),
	NODE_ENV: 'production',
};
delete env.LIVEFEST_NOW;
if (scale) Object.assign(env, { LIVEFEST_NOW: scale.now.toISOString(), LIVEFEST_CLOCK: 'running' });
delete env.MEILISEARCH_KEY;
if (stub) env.MEILISEARCH_URL = stub.url;
else delete env.MEILISEARCH_URL;
const profile = args['cpu-prof']
	? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof'])}`]
	: [];
const server = spawn(process.execPath, [...profile, path.join(OUT_DIR, 'serve.mjs')], {
	cwd: ROOT,
	env,
	stdio: ['ignore', 'pipe', 'pipe'],
});
watchOutput(server);
/** The server's clock: the real one, or with --rooms the pinned start plus the time since spawn. */
const spawnedAt = Date.now();
const serverNow = (): number => (scale ? scale.now.getTime() + Date.now() - spawnedAt : Date.now());
await waitForFirstResponse(origin, { timeoutMs: 120_000, isAlive: () => server.exitCode === null });

const requester = createRequester(origin, connections);
const tally = new TrafficTally();
const ledger = new WriteLedger();
const refusals = new Map<string, number>();
const engines: Record<string, Record<string, number>> = {};
/** The serving layer's `X-Cache` verdicts on anonymous GETs. */
const cacheStates: Record<string, number> = {};
let busyInBodies = 0;
let serial = 0;
const runTag = Math.random().toString(36).slice(2, 6);
/** One chain of writes per merchant: a merchant's saves never overlap (see WriteLedger). */
const merchantQueues = world.merchants.map(() => Promise.resolve());

function pickGet(): { kind: GetKind; path: string } {
	let roll = Math.random();
	for (const [kind, share] of GET_MIX) {
		roll -= share;
		if (roll < 0) {
			const urls = world.urls[kind];
			return { kind, path: urls[Math.floor(Math.random() * urls.length)]! };
		}
	}
	return { kind: 'home', path: '/' };
}

/** The `engine` an `/api/search` answer names ("unreadable" if it is not the expected JSON). */
function readEngine(json: string): string {
	try {
		return (JSON.parse(json) as { engine?: string }).engine ?? 'none named';
	} catch {
		return 'unreadable';
	}
}

async function visit(): Promise<void> {
	const { kind, path: pagePath } = pickGet();
	// Browsers ask for compression; the search API is read as plain JSON to see which engine answered.
	const headers: Record<string, string> =
		kind === 'search-api' ? {} : { 'Accept-Encoding': 'br, gzip' };
	const started = performance.now();
	try {
		const answer = await requester.get(pagePath, headers);
		const ms = performance.now() - started;
		const cacheState = String(answer.headers['x-cache'] ?? 'none');
		cacheStates[cacheState] = (cacheStates[cacheState] ?? 0) + 1;
		let detail = pagePath;
		if (answer.status >= 400) {
			const text = readText(answer);
			if (text.includes('SQLITE_BUSY')) busyInBodies += 1;
			detail += `: ${text.slice(0, 160).replace(/\s+/g, ' ')}`;
		} else if (kind === 'search-api') {
			const engine = readEngine(answer.body.toString('utf8'));
			const mode = (engines[stub?.mode ?? 'none'] ??= {});
			mode[engine] = (mode[engine] ?? 0) + 1;
		}
		tally.answered(kind, ms, answer.status, detail);
		if (ms > SLOW_MS && slowest.length < 20)
			slowest.push(`${kind} ${pagePath} ${Math.round(ms)} ms ${answer.trace}`);
	} catch (error) {
		tally.failed(kind, performance.now() - started, error as Error, pagePath);
	}
}

/** One save by the next merchant: a new room, or an edit of one of theirs (same times, new title). */
async function write(): Promise<void> {
	const index = serial % world.merchants.length;
	const merchant = world.merchants[index]!;
	const marker = `压测 ${runTag}-${++serial}`;
	const run = async () => {
		const edit = merchant.rooms.length > 0 && Math.random() < 0.5;
		const target = edit
			? merchant.rooms[Math.floor(Math.random() * merchant.rooms.length)]!
			: pickNewRoomTimes(world, serverNow(), Math.random);
		const kind = edit ? 'edit' : 'create';
		const form = buildRoomForm(marker, target, world.timezone, edit ? target.id : undefined);
		ledger.sent(edit ? target.id : undefined, marker);
		const started = performance.now();
		let trace = '';
		try {
			const outcome = await postRoomSave(
				(options, body) =>
					requester.send(options, body).then((a) => {
						trace = a.trace;
						return { status: a.status, body: a.body.toString('utf8') };
					}),
				merchant,
				origin,
				form,
				kind,
			);
			const ms = performance.now() - started;
			tally.answered(`write-${kind}`, ms, outcome.status, outcome.reason);
			if (ms > SLOW_MS && slowest.length < 20) {
				slowest.push(`write-${kind} ${Math.round(ms)} ms ${trace}`);
			}
			if (outcome.body.includes('SQLITE_BUSY')) busyInBodies += 1;
			if (outcome.roomId !== undefined) {
				ledger.acknowledge(kind, outcome.roomId, marker);
				if (!edit) merchant.rooms.push({ ...target, id: outcome.roomId });
			} else if (outcome.status < 500) {
				refusals.set(outcome.reason!, (refusals.get(outcome.reason!) ?? 0) + 1);
			}
		} catch (error) {
			tally.failed(`write-${kind}`, performance.now() - started, error as Error, 'rooms.save');
			ledger.unanswered(edit ? target.id : undefined, marker);
		}
	};
	const turn = merchantQueues[index]!.then(run);
	merchantQueues[index] = turn;
	await turn;
}

// The run: RSS sampled every 5 s, faults and the backup on their schedule, the loops until the end.
const startedAt = performance.now();
const cpuAtStart = { server: readCpuSeconds(server.pid!), load: process.cpuUsage() };
const deadline = startedAt + durationS * 1000;
const rss: { atS: number; rssMB: number }[] = [];
const sampler = setInterval(() => {
	const memory = readProcessMemory(server.pid!);
	if (memory)
		rss.push({ atS: Math.round((performance.now() - startedAt) / 1000), rssMB: memory.rssMB });
}, 5000);
const faultEvents: FaultEvent[] = [];
const faults = scheduleFaults({ stub, durationS, startedAt, events: faultEvents });
const backup = new Promise<Awaited<ReturnType<typeof runBackup>>>((resolve) =>
	setTimeout(
		() => resolve(runBackup(ROOT, dbFile, path.join(dir, 'backups'), faultEvents, startedAt)),
		(durationS * 1000) / 2,
	),
);
console.log(
	`bench:soak: ${durationS} s, ${connections} loops, ${world.merchants.length} merchants, faults ${withFaults ? 'on' : 'off'}, ${origin}`,
);
await runLoops(connections, deadline, () => (Math.random() < writeShare ? write() : visit()));
const elapsedS = (performance.now() - startedAt) / 1000;
clearInterval(sampler);
const finalMemory = readProcessMemory(server.pid!);
const serverCpu = readCpuSeconds(server.pid!);
const loadCpu = process.cpuUsage(cpuAtStart.load);
const cpu = {
	serverShare:
		serverCpu === null || cpuAtStart.server === null
			? null
			: +((serverCpu - cpuAtStart.server) / elapsedS).toFixed(2),
	loadShare: +((loadCpu.user + loadCpu.system) / 1e6 / elapsedS).toFixed(2),
};
await faults;
requester.close();
const backupResult = checkBackup(await backup);
await stopBenchServer(server);
await stub?.close();

const report: SoakReport = {
	when: new Date().toISOString(),
	machine: { cpus: os.cpus().length, node: process.version },
	options: {
		durationS,
		connections,
		merchants: world.merchants.length,
		writeShare,
		faults: withFaults,
		scale: scale && {
			publicRooms: scale.cached.publicRooms,
			clockStart: scale.now.toISOString(),
			origin: scale.cached.origin,
		},
	},
	elapsedS: +elapsedS.toFixed(1),
	kinds: tally.summarize(),
	cacheStates,
	cpu,
	failures: [...tally.failures, ...slowest.map((slow) => `slow: ${slow}`)].map(explainFailure),
	refusals: [...refusals.entries()].sort((a, b) => b[1] - a[1]),
	rss,
	finalRssMB: finalMemory?.rssMB ?? null,
	peakRssMB: finalMemory?.peakRssMB ?? null,
	sqliteBusy: { serverOutput: serverLog.busy, responseBodies: busyInBodies },
	serverLog: { lines: serverLog.lines, notable: serverLog.notable },
	writes: { acknowledged: ledger.acknowledged, ...ledger.verify(dbFile) },
	faults: faultEvents,
	engines,
	stubCounts: stub?.counts ?? null,
	backup: backupResult,
};
const markdown = renderSoakReport(report);
const written = writeDatedReport(
	path.join(ROOT, 'bench', 'results'),
	'soak-',
	new Date(),
	markdown,
	report,
);
console.log(markdown);
console.log(`bench:soak: wrote ${path.relative(ROOT, written)} (and .json)`);
if (args.keep) console.log(`bench:soak: kept ${dir} and dist-bench/`);
else {
	rmSync(dir, { recursive: true, force: true });
	rmSync(OUT_DIR, { recursive: true, force: true });
}
