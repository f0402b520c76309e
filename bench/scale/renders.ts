/**
 * Cache-miss render time of one page: sequential requests with `Cache-Control: no-cache` (the
 * serving layer renders instead of looking the page up), median of the client time and of the
 * middleware's `Server-Timing: app;dur`, and the statements it ran. A page that takes seconds
 * stops after `budgetMs` with at least 3 samples, so a slow build still finishes the run.
 */
import { getRaw, readAppDuration } from '../peak/http-get';
import { pickQuantile } from '../search/stats';
import type { BenchPage } from './pages';

export interface RenderTiming extends BenchPage {
	samples: number;
	status: number;
	clientMedianMs: number;
	appMedianMs: number;
	queries: number | null;
	bodyKB: number;
}

const median = (values: number[]): number =>
	+pickQuantile(
		[...values].sort((a, b) => a - b),
		0.5,
	).toFixed(1);

/** Times `count` cache-miss renders of `page` (one unmeasured request first). */
export async function measureRender(
	origin: string,
	page: BenchPage,
	count = 20,
	budgetMs = 30_000,
): Promise<RenderTiming> {
	const warm = await getRaw(origin + page.path, { 'Cache-Control': 'no-cache' });
	const client: number[] = [];
	const app: number[] = [];
	let queries: number | null = null;
	const started = performance.now();
	for (let i = 0; i < count; i++) {
		if (i >= 3 && performance.now() - started > budgetMs) break;
		const res = await getRaw(origin + page.path, { 'Cache-Control': 'no-cache' });
		client.push(res.ms);
		const dur = readAppDuration(res.headers);
		if (dur !== undefined) app.push(dur);
		const count = /db;desc="(\d+) queries"/.exec(String(res.headers['server-timing'] ?? ''));
		if (count) queries = Number(count[1]);
	}
	return {
		...page,
		samples: client.length,
		status: warm.status,
		clientMedianMs: median(client),
		appMedianMs: app.length ? median(app) : Number.NaN,
		queries,
		bodyKB: +(warm.body.length / 1024).toFixed(1),
	};
}
