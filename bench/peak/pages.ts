/**
 * What the peak benchmark does per page besides the load: copy the portal's response for the
 * limit server, and time renders that skip the page cache.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../../tests/support/net';
import { pickQuantile } from '../search/stats';
import { getRaw, readAppDuration } from './http-get';
import type { ReplayedPage } from './limit-server';

/** The identity body and Content-Type the portal answers `pagePath` with; throws unless 200. */
export async function copyPortalResponse(origin: string, pagePath: string): Promise<ReplayedPage> {
	const res = await getRaw(origin + pagePath);
	if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`);
	return {
		path: pagePath,
		contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
		bodyBase64: res.body.toString('base64'),
	};
}

export interface MissTiming {
	/** Median of the client-side times, ms. */
	clientMedianMs: number;
	clientP90Ms: number;
	/** Median of the middleware's `Server-Timing: app;dur`, ms (the render alone). */
	appMedianMs: number;
}

/**
 * Cache-miss render time: `count` sequential requests with `Cache-Control: no-cache`, which the
 * serving layer answers by rendering (then storing) instead of looking the page up.
 */
export async function measureMisses(
	origin: string,
	pagePath: string,
	count: number,
): Promise<MissTiming> {
	const client: number[] = [];
	const app: number[] = [];
	for (let i = 0; i < count; i++) {
		const res = await getRaw(origin + pagePath, { 'Cache-Control': 'no-cache' });
		if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`);
		if (res.headers['x-cache'] === 'HIT') throw new Error(`${pagePath}: no-cache was served a HIT`);
		client.push(res.ms);
		const dur = readAppDuration(res.headers);
		if (dur !== undefined) app.push(dur);
	}
	client.sort((a, b) => a - b);
	app.sort((a, b) => a - b);
	const round = (ms: number) => +ms.toFixed(1);
	return {
		clientMedianMs: round(pickQuantile(client, 0.5)),
		clientP90Ms: round(pickQuantile(client, 0.9)),
		appMedianMs: round(pickQuantile(app, 0.5)),
	};
}

/**
 * Starts bench/peak/limit-server.ts in its own process, replaying `pages` (written to
 * `<dir>/limit-pages.json`), and resolves once it listens.
 */
export async function startLimitServer(
	root: string,
	dir: string,
	pages: ReplayedPage[],
): Promise<{ origin: string; child: ChildProcess }> {
	const file = path.join(dir, 'limit-pages.json');
	writeFileSync(file, JSON.stringify(pages));
	const port = await findFreePort();
	const child = spawn(
		process.execPath,
		['--import', 'tsx', path.join(root, 'bench', 'peak', 'limit-server.ts'), file, String(port)],
		{ cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`limit server exited (${code})`)));
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('listening')) resolve();
		});
	});
	return { origin: `http://127.0.0.1:${port}`, child };
}
