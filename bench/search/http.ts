/**
 * HTTP throughput of `/api/search` on the built portal. Neither autocannon nor wrk is installed
 * on these machines (and the benchmark adds no dependency), so the load loop is here: 50 workers
 * on one keep-alive `http.Agent`, each sending its next request as soon as the last one is read,
 * for a fixed time, cycling through the query mix. The client shares the 2 CPUs with the server,
 * as autocannon would. Loopback only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { findFreePort, waitForFirstResponse } from '../../tests/support/net';
import { roundMs, summarizeLatency, type LatencySummary } from './stats';

export interface HttpResult {
	rooms: number;
	connections: number;
	durationS: number;
	requests: number;
	requestsPerSecond: number;
	latency: LatencySummary;
	non2xx: number;
	errors: number;
	/** Mean response body size, to show what each request carried. */
	meanBodyKB: number;
	/** Which engine answered, from the responses' `engine` field (sampled). */
	engines: string[];
}

/** Folders whose changes make a build stale; scripts/build-freshness.ts watches the same ones. */
const SOURCES = [
	'src',
	'db/schema',
	'public',
	'astro.config.mjs',
	'package-lock.json',
	'tsconfig.json',
];

/** Newest modification time under `entry`, 0 if it does not exist. */
function findNewestMtime(entry: string): number {
	if (!existsSync(entry)) return 0;
	const stat = statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of readdirSync(entry))
		newest = Math.max(newest, findNewestMtime(path.join(entry, child)));
	return newest;
}

/**
 * Whether `outDir` holds a build of the current sources: the portal's own build stamp (written by
 * astro.config.mjs into the output folder) is newer than every source file.
 */
function isBenchBuildFresh(root: string, outDir: string): boolean {
	const stampFile = path.join(outDir, 'livefest-build.json');
	if (!existsSync(path.join(outDir, 'serve.mjs')) || !existsSync(stampFile)) return false;
	const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { newestSourceMtimeMs: number };
	const newest = Math.max(...SOURCES.map((s) => findNewestMtime(path.join(root, s))));
	return stamp.newestSourceMtimeMs >= newest;
}

/** Waits without blocking the event loop. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the portal into its own folder (never `dist/`, which `npm start` and the page benchmark
 * own) unless a fresh build is there. Retries after a pause: the build fails for a while when a
 * file is caught half-edited. Returns a one-line reason instead of throwing, so the in-process
 * figures are still reported when the site cannot be built.
 */
export async function ensureBenchBuild(
	root: string,
	outDir: string,
	options: { attempts?: number; pauseMs?: number } = {},
): Promise<string | null> {
	if (isBenchBuildFresh(root, outDir)) return null;
	const attempts = options.attempts ?? 3;
	let reason = '';
	for (let attempt = 1; attempt <= attempts; attempt++) {
		if (attempt > 1) await sleep(options.pauseMs ?? 20_000);
		console.log(`bench:search: building the portal into ${path.relative(root, outDir)}/ …`);
		const result = spawnSync(
			path.join(root, 'node_modules', '.bin', 'astro'),
			['build', '--outDir', outDir],
			{
				cwd: root,
				encoding: 'utf8',
				env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
				maxBuffer: 64 * 1024 * 1024,
			},
		);
		if (result.status === 0) return null;
		const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n');
		const at = output.findIndex((line) => /error/i.test(line));
		reason = output
			.slice(Math.max(0, at), Math.max(0, at) + 4)
			.map((line) => line.trim())
			.filter(Boolean)
			.join(' ');
		console.log(`bench:search: build attempt ${attempt} failed: ${reason}`);
	}
	return `astro build failed ${attempts} times: ${reason}`;
}

/**
 * Starts the built server (`<outDir>/serve.mjs`: the serving layer around Astro, as in production)
 * on a free loopback port against `dbFile`, with the clock pinned.
 */
export async function startBenchServer(
	root: string,
	outDir: string,
	dbFile: string,
	now: Date,
): Promise<{ origin: string; server: ChildProcess }> {
	const port = await findFreePort();
	const origin = `http://localhost:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATABASE_PATH: dbFile,
		HOST: '127.0.0.1',
		PORT: String(port),
		PUBLIC_ORIGIN: origin,
		LIVEFEST_NOW: now.toISOString(),
		NODE_ENV: 'production',
	};
	// FTS5 is what is measured: a configured Meilisearch would answer instead.
	delete env.MEILISEARCH_URL;
	delete env.MEILISEARCH_KEY;
	const server = spawn(process.execPath, [path.join(outDir, 'serve.mjs')], {
		cwd: root,
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	let exited = false;
	server.once('exit', () => (exited = true));
	await waitForFirstResponse(`http://127.0.0.1:${port}`, {
		timeoutMs: 60_000,
		isAlive: () => !exited,
	});
	return { origin: `http://127.0.0.1:${port}`, server };
}

/** Stops the server this benchmark started and waits for it to exit. */
export async function stopBenchServer(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null || server.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
	server.kill('SIGTERM');
	const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
}

/** One GET on the keep-alive agent: status, body size, and the body when asked for. */
function sendRequest(
	agent: http.Agent,
	url: URL,
	keepBody: boolean,
): Promise<{ status: number; bytes: number; body?: string }> {
	return new Promise((resolve, reject) => {
		// no-cache: measure the search engine, not the serving layer's page cache, which would
		// answer the repeating query mix from memory after its first round.
		const req = http.get(url, { agent, headers: { 'cache-control': 'no-cache' } }, (res) => {
			const chunks: Buffer[] = [];
			let bytes = 0;
			res.on('data', (chunk: Buffer) => {
				bytes += chunk.length;
				if (keepBody) chunks.push(chunk);
			});
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					bytes,
					body: keepBody ? Buffer.concat(chunks).toString('utf8') : undefined,
				}),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.setTimeout(30_000, () => req.destroy(new Error('request timed out')));
	});
}

/**
 * Drives `/api/search` with `connections` concurrent keep-alive workers for `durationS` seconds
 * (after a short warm-up that is not counted), cycling through `queries` in order.
 */
export async function measureHttpThroughput(
	origin: string,
	queries: readonly string[],
	options: { rooms: number; connections: number; durationS: number; warmupS: number },
): Promise<HttpResult> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
	const urls = queries.map((q) => new URL(`/api/search?q=${encodeURIComponent(q)}`, origin));
	let next = 0;
	const engines = new Set<string>();

	/** Runs workers until `until`; records only when `record` is set. */
	const runPhase = async (seconds: number, record: boolean) => {
		const latencies: number[] = [];
		let non2xx = 0;
		let errors = 0;
		let bytes = 0;
		const until = performance.now() + seconds * 1000;
		// Bounded: a worker stops at the deadline, and no worker can send more than this.
		const maxPerWorker = Math.ceil(seconds * 20_000);
		const worker = async () => {
			for (let i = 0; i < maxPerWorker && performance.now() < until; i++) {
				const n = next++;
				const url = urls[n % urls.length]!;
				const sample = n % 97 === 0;
				const t0 = performance.now();
				try {
					const res = await sendRequest(agent, url, sample);
					const ms = performance.now() - t0;
					if (!record) continue;
					latencies.push(ms);
					bytes += res.bytes;
					if (res.status < 200 || res.status > 299) non2xx++;
					if (sample && res.body && res.status === 200) {
						engines.add((JSON.parse(res.body) as { engine: string }).engine);
					}
				} catch {
					if (record) errors++;
				}
			}
		};
		const started = performance.now();
		await Promise.all(Array.from({ length: options.connections }, worker));
		return { latencies, non2xx, errors, bytes, elapsedS: (performance.now() - started) / 1000 };
	};

	await runPhase(options.warmupS, false);
	const run = await runPhase(options.durationS, true);
	agent.destroy();
	return {
		rooms: options.rooms,
		connections: options.connections,
		durationS: +run.elapsedS.toFixed(2),
		requests: run.latencies.length,
		requestsPerSecond: Math.round(run.latencies.length / run.elapsedS),
		latency: summarizeLatency(run.latencies),
		non2xx: run.non2xx,
		errors: run.errors,
		meanBodyKB: roundMs(run.bytes / Math.max(1, run.latencies.length) / 1024),
		engines: [...engines],
	};
}
