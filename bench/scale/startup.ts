/**
 * `npm start` to the first response on a seeded database: what a restart costs, not a build. A
 * stale dist/ is built first, as `npm start` would (unless `buildDist` is false, which skips the
 * timing). Shared by the demo benchmark and the scale benchmark.
 */
import { spawn, spawnSync } from 'node:child_process';
import { isBuildFresh } from '../../scripts/build-freshness';
import { findFreePort, waitForFirstResponse } from '../../tests/support/net';

export const NPM_START_ORIGIN = 'http://localhost:4321';

export async function timeNpmStart(
	root: string,
	dbFile: string,
	now: Date,
	options: { buildDist: boolean; env?: NodeJS.ProcessEnv },
): Promise<{ ms: number | null; note: string | null }> {
	if (!isBuildFresh(root, NPM_START_ORIGIN)) {
		if (!options.buildDist) return { ms: null, note: 'dist/ is stale (--no-build-dist)' };
		spawnSync('npm', ['run', 'build'], {
			cwd: root,
			stdio: 'inherit',
			env: { ...process.env, PUBLIC_ORIGIN: NPM_START_ORIGIN },
		});
	}
	const port = await findFreePort();
	const started = performance.now();
	const server = spawn('npm', ['start'], {
		cwd: root,
		env: {
			...process.env,
			DATABASE_PATH: dbFile,
			PORT: String(port),
			PUBLIC_ORIGIN: NPM_START_ORIGIN,
			LIVEFEST_NOW: now.toISOString(),
			...options.env,
		},
		stdio: 'ignore',
		detached: true,
	});
	const exited = new Promise((resolve) => server.once('exit', resolve));
	try {
		return {
			ms: Math.round(
				(await waitForFirstResponse(`http://localhost:${port}`, { timeoutMs: 300_000 })) - started,
			),
			note: null,
		};
	} finally {
		process.kill(-server.pid!, 'SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
	}
}
