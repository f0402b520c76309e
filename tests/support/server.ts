import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Db } from '../../src/lib/server/db';
import { createTempDb } from './temp-db';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'dist', 'server', 'entry.mjs');

export interface RunningServer {
	origin: string;
	file: string;
	/** Fetches a path of the running server without following redirects. */
	get(pathname: string, init?: RequestInit): Promise<Response>;
	stop(): Promise<void>;
}

async function findFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(),
			);
		});
	});
}

async function waitUntilUp(origin: string, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
		try {
			await fetch(origin, { redirect: 'manual' });
			return;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	throw new Error(`server did not start:\n${log()}`);
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
	await waitUntilUp(origin, child, () => output);
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
