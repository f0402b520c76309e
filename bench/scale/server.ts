/**
 * The scale benchmark's server: `node dist-bench/serve.mjs` with bench/scale/loop-monitor.mjs
 * preloaded (the server's own event-loop delay, read on SIGUSR2), the clock started at the
 * benchmark's instant and running, the in-server sync every 2 s against the bench's feed stub
 * (on loopback over http), no Meilisearch. Its output is kept for the report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFreePort, waitForFirstResponse } from '../../tests/support/net';

export interface LoopDelay {
	p50: number;
	p99: number;
	max: number;
	mean: number;
	count: number;
}

export interface ScaleServer {
	origin: string;
	child: ChildProcess;
	/** Spawn to first response, ms. */
	startMs: number;
	/** Lines of the server's output, without the loop-delay lines (the first 60). */
	log: string[];
	/** Lines that name SQLITE_BUSY. */
	busy: number;
	/** Reads the server's event-loop delay since the last read (SIGUSR2), or null if it did not answer. */
	readLoopDelay(): Promise<LoopDelay | null>;
}

const LOOP_MONITOR = path.join(import.meta.dirname, 'loop-monitor.mjs');

/** Environment for a bench server of `dbFile` on `port`, clock running from `now`. */
export function buildServerEnv(dbFile: string, port: number, now: Date): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATABASE_PATH: dbFile,
		HOST: '127.0.0.1',
		PORT: String(port),
		PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
		LIVEFEST_NOW: now.toISOString(),
		LIVEFEST_CLOCK: 'running',
		NODE_ENV: 'production',
		SYNC_INTERVAL_MS: '2000',
		SYNC_ALLOW_HTTP: '1',
		SYNC_ALLOW_LOOPBACK: '1',
		SYNC_CALLS_PER_HOUR: '100000',
		// Every render is timed from one address: the feeds' per-address limit would refuse them.
		FEED_RENDERS_PER_MINUTE: '100000',
		UPLOAD_DIR: path.join(path.dirname(dbFile), 'uploads'),
	};
	delete env.MEILISEARCH_URL;
	delete env.MEILISEARCH_KEY;
	return env;
}

/** Starts the server and waits for its first answer. */
export async function startScaleServer(
	root: string,
	outDir: string,
	dbFile: string,
	now: Date,
): Promise<ScaleServer> {
	const port = await findFreePort();
	const origin = `http://127.0.0.1:${port}`;
	const started = performance.now();
	const child = spawn(
		process.execPath,
		['--import', pathToFileURL(LOOP_MONITOR).href, path.join(outDir, 'serve.mjs')],
		{ cwd: root, env: buildServerEnv(dbFile, port, now), stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const server: ScaleServer = {
		origin,
		child,
		startMs: 0,
		log: [],
		busy: 0,
		readLoopDelay: () => Promise.resolve(null),
	};
	let waiting: ((delay: LoopDelay) => void) | undefined;
	for (const stream of [child.stdout!, child.stderr!]) {
		stream.setEncoding('utf8');
		let rest = '';
		stream.on('data', (text: string) => {
			const lines = (rest + text).split('\n');
			rest = lines.pop()!;
			for (const line of lines) {
				if (line.startsWith('livefest-loop-delay ')) {
					waiting?.(JSON.parse(line.slice('livefest-loop-delay '.length)) as LoopDelay);
					waiting = undefined;
					continue;
				}
				if (line.includes('SQLITE_BUSY')) server.busy += 1;
				// One access line per request (src/serve/request-log.ts): not what the report keeps.
				if (line.includes('"msg":"request"')) continue;
				if (line.trim() && server.log.length < 60) server.log.push(line.slice(0, 300));
			}
		});
	}
	server.readLoopDelay = () =>
		new Promise((resolve) => {
			if (child.exitCode !== null) return resolve(null);
			const timer = setTimeout(() => resolve(null), 5000);
			waiting = (delay) => {
				clearTimeout(timer);
				resolve(delay);
			};
			child.kill('SIGUSR2');
		});
	let exited = false;
	child.once('exit', () => (exited = true));
	await waitForFirstResponse(origin, { timeoutMs: 120_000, isAlive: () => !exited });
	server.startMs = Math.round(performance.now() - started);
	return server;
}
