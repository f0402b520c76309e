import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/lib/server/db';
import { findFreePort, waitForFirstResponse } from './net';
import { createTempDb } from './temp-db';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** LIVEFEST_DIST lets two builds coexist (e.g. `astro build --outDir dist-b`). */
const ENTRY = path.join(ROOT, process.env.LIVEFEST_DIST ?? 'dist', 'server', 'entry.mjs');

export interface RunningServer {
	origin: string;
	file: string;
	/** Fetches a path of the running server without following redirects. */
	get(pathname: string, init?: RequestInit): Promise<Response>;
	stop(): Promise<void>;
}

/**
 * Starts the built server (`dist/server/entry.mjs`, run `npm run build` first) on a fresh migrated
 * SQLite file filled by `seed`, on a free loopback port, with the clock pinned to `now`.
 */
export async function startServer(options: {
	seed: (db: Db) => void;
	now?: string;
	env?: Record<string, string>;
}): Promise<RunningServer> {
	if (!existsSync(ENTRY))
		throw new Error('dist/server/entry.mjs is missing: run `npm run build` first');
	const temp = createTempDb();
	options.seed(temp.db);
	temp.db.$client.close();
	const port = await findFreePort();
	const origin = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, [ENTRY], {
		cwd: ROOT,
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			DATABASE_PATH: temp.file,
			PUBLIC_ORIGIN: origin,
			TZ: 'America/Los_Angeles',
			...(options.now ? { LIVEFEST_NOW: options.now } : {}),
			...options.env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
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
	return {
		origin,
		file: temp.file,
		get: (pathname, init) => fetch(origin + pathname, { redirect: 'manual', ...init }),
		stop: async () => {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await exited;
			}
			temp.cleanup();
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
