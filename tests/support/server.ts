import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/lib/server/db';
import { CHANGE_POLL_MS } from '../../src/serve/change-feed';
import { STALENESS_BOUND_MS } from '../../src/serve/serving-layer';
import { findFreePort, waitForFirstResponse } from './net';
import { createTempDb } from './temp-db';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** LIVEFEST_DIST lets two builds coexist (e.g. `astro build --outDir dist-b`). */
const ENTRY = path.join(ROOT, process.env.LIVEFEST_DIST ?? 'dist', 'serve.mjs');

export interface RunningServer {
	origin: string;
	file: string;
	/** Fetches a path of the running server without following redirects. */
	get(pathname: string, init?: RequestInit): Promise<Response>;
	/**
	 * Fetches a path as the public sees it once the writes committed so far have reached the page
	 * cache: waits for the change feed's poll, then skips stale copies (X-Cache: STALE) while
	 * their refresh runs — within the serving layer's stated bound (src/serve/serving-layer.ts).
	 */
	getFresh(pathname: string, init?: RequestInit): Promise<Response>;
	/** What the server printed so far. */
	output(): string;
	/** Sends `signal` and resolves when the process has exited; the database file stays. */
	kill(signal: NodeJS.Signals): Promise<void>;
	/** Stops the server (SIGTERM) and deletes its database unless it was given as `file`. */
	stop(): Promise<void>;
}

/**
 * Starts the built server (`dist/serve.mjs`, run `npm run build` first) on a fresh migrated
 * SQLite file filled by `seed` — or on an existing `file`, e.g. to restart after a crash — on a
 * free loopback port, with the clock pinned to `now`.
 */
export async function startServer(options: {
	seed?: (db: Db) => void;
	file?: string;
	now?: string;
	env?: Record<string, string>;
	/** Run the server as this user (a root test run uses it so file permissions bind it). */
	user?: { uid: number; gid: number };
	/** Node's arguments instead of `dist/serve.mjs` (e.g. `npm start`'s script through tsx). */
	args?: string[];
}): Promise<RunningServer> {
	if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first`);
	const temp = options.file ? undefined : createTempDb();
	if (temp) {
		options.seed?.(temp.db);
		temp.db.$client.close();
	}
	const file = temp?.file ?? options.file ?? '';
	const port = await findFreePort();
	const origin = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, options.args ?? [ENTRY], {
		cwd: ROOT,
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			DATABASE_PATH: file,
			PUBLIC_ORIGIN: origin,
			TZ: 'America/Los_Angeles',
			...(options.now ? { LIVEFEST_NOW: options.now } : {}),
			...options.env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		...options.user,
	});
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	try {
		await waitForFirstResponse(origin, {
			timeoutMs: 30_000,
			isAlive: () => child.exitCode === null,
		});
	} catch (error) {
		child.kill();
		throw new Error(`${(error as Error).message}\n${output}`);
	}
	const kill = async (signal: NodeJS.Signals) => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill(signal);
		await exited;
	};
	const get = (pathname: string, init?: RequestInit) =>
		fetch(origin + pathname, { redirect: 'manual', ...init });
	const getFresh = async (pathname: string, init?: RequestInit) => {
		const deadline = Date.now() + STALENESS_BOUND_MS;
		await new Promise((r) => setTimeout(r, CHANGE_POLL_MS + 100));
		for (;;) {
			const response = await get(pathname, init);
			if (response.headers.get('x-cache') !== 'STALE' || Date.now() > deadline) return response;
			await response.arrayBuffer();
			await new Promise((r) => setTimeout(r, 50));
		}
	};
	return {
		origin,
		file,
		get,
		getFresh,
		output: () => output,
		kill,
		stop: async () => {
			await kill('SIGTERM');
			temp?.cleanup();
		},
	};
}

/** The number of SQL statements the server reported for a response (see src/middleware.ts). */
export function getQueryCount(response: Response): number {
	const timing = response.headers.get('server-timing') ?? '';
	const match = /db;desc="(\d+) queries"/.exec(timing);
	if (!match) throw new Error(`no query count in Server-Timing: ${timing}`);
	return Number(match[1]);
}
