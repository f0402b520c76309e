/**
 * Issue 13 item 3: each heavy action of the festival's staff and operators, one at a time, with a
 * prober asking for a cached public page every ~10 ms beside it and the server's own event-loop
 * delay (bench/scale/loop-monitor.mjs) read before and after. The actions: the staff dashboard,
 * the review queue, each CSV export, a 5,000-row import through the web action, a sync pass of
 * the in-server worker, `npm run search:rebuild`, `npm run db:backup`, and a second server
 * process starting (its migrations) on the same database.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { findFreePort, waitForFirstResponse } from '../../tests/support/net';
import { stopBenchServer } from '../search/http';
import type { FeedStub } from './feed-stub';
import { startProber, type ProbeSummary } from './prober';
import { buildServerEnv, type LoopDelay, type ScaleServer } from './server';
import { BENCH_ANCHOR, type ScaleWorld } from './world';

export interface HeavyResult {
	name: string;
	/** One run's time (the median run's, for actions repeated for REPEAT_MS). */
	durationMs: number;
	/** What the action produced: bytes, rows, exit code … */
	detail: string;
	ok: boolean;
	probe: ProbeSummary;
	loop: LoopDelay | null;
}

interface ActionOutcome {
	ok: boolean;
	detail: string;
}

export interface HeavyContext {
	root: string;
	outDir: string;
	dbFile: string;
	dir: string;
	server: ScaleServer;
	world: ScaleWorld;
	feeds: FeedStub;
	/** The cached page the prober asks for. */
	probePath: string;
}

/** A GET (staff cookie) read to the end; counts bytes rather than keeping them. */
function getCounting(origin: string, pagePath: string, token: string): Promise<ActionOutcome> {
	return new Promise((resolve) => {
		const req = http.get(
			new URL(pagePath, origin),
			{ agent: false, headers: { Cookie: `livefest_session=${token}` } },
			(res) => {
				let bytes = 0;
				res.on('data', (chunk: Buffer) => (bytes += chunk.length));
				res.on('end', () =>
					resolve({
						ok: res.statusCode === 200,
						detail: `${res.statusCode}, ${(bytes / 1024 / 1024).toFixed(1)} MB`,
					}),
				);
			},
		);
		req.on('error', (error) => resolve({ ok: false, detail: error.message }));
		req.setTimeout(600_000, () => req.destroy(new Error('no answer in 10 min')));
	});
}

/** A `getliveinfo` payload of `rows` new rooms on the festival's last day. */
function buildImportPayload(world: ScaleWorld, rows: number): string {
	const endS = Math.floor(world.festivalEnd.getTime() / 1000);
	return JSON.stringify({
		errcode: 0,
		total: rows,
		room_info: Array.from({ length: rows }, (_, n) => {
			const start = endS - 10 * 3600 + (n % 48) * 600;
			return {
				roomid: 100_000 + n,
				name: `压测导入直播间 ${n}`,
				live_status: 102,
				start_time: start,
				end_time: start + 3600,
				anchor_name: BENCH_ANCHOR,
			};
		}),
	});
}

/** POSTs the import form; the answer lists a row per room. */
function postImport(ctx: HeavyContext, rows: number): Promise<ActionOutcome> {
	const body = new URLSearchParams({ payload: buildImportPayload(ctx.world, rows) }).toString();
	return new Promise((resolve) => {
		const req = http.request(
			new URL('/_actions/rooms.import', ctx.server.origin),
			{
				method: 'POST',
				agent: false,
				headers: {
					Origin: ctx.server.origin,
					Cookie: `livefest_session=${ctx.world.importer.token}`,
					'Content-Type': 'application/x-www-form-urlencoded',
					'Content-Length': Buffer.byteLength(body),
				},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => {
					const db = new Database(ctx.dbFile, { readonly: true });
					const rooms = db
						.prepare('SELECT count(*) FROM room WHERE merchant_id = ?')
						.pluck()
						.get(ctx.world.importer.merchantId) as number;
					db.close();
					resolve({
						ok: res.statusCode === 200 && rooms === rows,
						detail: `${res.statusCode}, ${(body.length / 1024).toFixed(0)} KB sent, the merchant now has ${rooms} rooms${res.statusCode === 200 ? '' : `: ${text.slice(0, 120)}`}`,
					});
				});
			},
		);
		req.on('error', (error) => resolve({ ok: false, detail: error.message }));
		req.setTimeout(600_000, () => req.destroy(new Error('no answer in 10 min')));
		req.end(body);
	});
}

/** Runs `npm run <script>` against the database; resolves with its exit and last line. */
function runScript(ctx: HeavyContext, args: string[]): Promise<ActionOutcome> {
	const env = buildServerEnv(ctx.dbFile, 1, ctx.world.now);
	const child = spawn('npm', ['run', '--silent', ...args], { cwd: ctx.root, env });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk));
	return new Promise((resolve) =>
		child.once('exit', (code) => {
			const last = output.trim().split('\n').filter(Boolean).pop() ?? '';
			resolve({ ok: code === 0, detail: `exit ${code}: ${last.slice(0, 160)}` });
		}),
	);
}

/** Makes the sync merchants due, waits for the in-server worker to sync them all, parks them again. */
async function runSyncPass(ctx: HeavyContext): Promise<ActionOutcome> {
	const db = new Database(ctx.dbFile);
	db.pragma('busy_timeout = 10000');
	const ids = ctx.world.syncMerchantIds;
	const inList = `(${ids.join(',')})`;
	const parked = ctx.world.festivalEnd.getTime() + 30 * 24 * 3600_000;
	const started = performance.now();
	try {
		db.prepare(
			`UPDATE merchant_room_source SET next_attempt_at = NULL WHERE merchant_id IN ${inList}`,
		).run();
		const done = db
			.prepare(
				`SELECT count(*) FROM merchant_room_source WHERE merchant_id IN ${inList} AND last_sync_at IS NOT NULL`,
			)
			.pluck();
		const deadline = performance.now() + 300_000;
		while ((done.get() as number) < ids.length && performance.now() < deadline)
			await new Promise((r) => setTimeout(r, 200));
		db.prepare(
			`UPDATE merchant_room_source SET next_attempt_at = ? WHERE merchant_id IN ${inList}`,
		).run(parked);
		const results = db
			.prepare(
				`SELECT last_result AS result, count(*) AS n FROM merchant_room_source WHERE merchant_id IN ${inList} GROUP BY 1`,
			)
			.all() as { result: string | null; n: number }[];
		const ok = results.find((r) => r.result === 'ok')?.n ?? 0;
		const firstAt = ctx.feeds.firstAt;
		return {
			ok: ok === ids.length,
			detail: `${ids.length} merchants × ${ctx.feeds.roomsPerFeed} rooms, ${ctx.feeds.requests} feed requests, the pass began ${firstAt === null ? '?' : Math.round(firstAt - started)} ms after they were made due; ${results.map((r) => `${r.result ?? 'not synced'} ${r.n}`).join(', ')}`,
		};
	} finally {
		db.close();
	}
}

/** A second server process on the same database, to its first answer (its migrations run first). */
async function startSecondProcess(ctx: HeavyContext): Promise<ActionOutcome> {
	const port = await findFreePort();
	const child = spawn(process.execPath, [path.join(ctx.outDir, 'serve.mjs')], {
		cwd: ctx.root,
		env: { ...buildServerEnv(ctx.dbFile, port, ctx.world.now), SYNC_INTERVAL_MS: '0' },
		stdio: 'ignore',
	});
	let exited = false;
	child.once('exit', () => (exited = true));
	const started = performance.now();
	try {
		await waitForFirstResponse(`http://127.0.0.1:${port}`, { isAlive: () => !exited });
		return {
			ok: true,
			detail: `first response after ${Math.round(performance.now() - started)} ms`,
		};
	} catch (error) {
		return { ok: false, detail: (error as Error).message };
	} finally {
		await stopBenchServer(child);
	}
}

/** Short actions are repeated for this long, so the prober beside them takes enough samples. */
const REPEAT_MS = 2000;

/** Runs a quick action again and again for REPEAT_MS; reports the runs and the median's time. */
function repeatAction(
	run: () => Promise<ActionOutcome>,
): () => Promise<ActionOutcome & { runMs: number }> {
	return async () => {
		const times: number[] = [];
		const started = performance.now();
		let last: ActionOutcome = { ok: true, detail: '' };
		let ok = true;
		while (times.length === 0 || performance.now() - started < REPEAT_MS) {
			const t0 = performance.now();
			last = await run();
			times.push(performance.now() - t0);
			ok &&= last.ok;
		}
		times.sort((a, b) => a - b);
		const runMs = Math.round(times[Math.floor(times.length / 2)]!);
		return { ok, detail: `${last.detail}; ${times.length} runs`, runMs };
	};
}

/** The actions in the order they run. */
export function listHeavyActions(
	ctx: HeavyContext,
): { name: string; run: () => Promise<ActionOutcome & { runMs?: number }> }[] {
	const staffGet = (p: string) =>
		repeatAction(() => getCounting(ctx.server.origin, p, ctx.world.staffToken));
	return [
		{ name: 'staff dashboard `/staff`', run: staffGet('/staff') },
		{ name: 'review queue `/staff/review`', run: staffGet('/staff/review') },
		{ name: '`/staff/export/rooms.csv`', run: staffGet('/staff/export/rooms.csv') },
		{ name: '`/staff/export/merchants.csv`', run: staffGet('/staff/export/merchants.csv') },
		{ name: '`/staff/export/decisions.csv`', run: staffGet('/staff/export/decisions.csv') },
		{ name: '5,000-row import (`rooms.import`)', run: () => postImport(ctx, 5000) },
		{ name: 'sync pass (in-server worker)', run: () => runSyncPass(ctx) },
		{ name: '`npm run search:rebuild`', run: () => runScript(ctx, ['search:rebuild']) },
		{
			name: '`npm run db:backup`',
			run: () => runScript(ctx, ['db:backup', '--', '--dir', path.join(ctx.dir, 'backups')]),
		},
		{ name: 'second process start-up (migrations)', run: () => startSecondProcess(ctx) },
	];
}

/** Runs every heavy action with the prober beside it. */
export async function runHeavyActions(ctx: HeavyContext): Promise<HeavyResult[]> {
	const results: HeavyResult[] = [];
	for (const action of listHeavyActions(ctx)) {
		console.log(`bench: heavy action ${action.name}`);
		await ctx.server.readLoopDelay(); // starts the server's histogram afresh
		const prober = startProber(ctx.server.origin, ctx.probePath);
		const started = performance.now();
		const { runMs, ...outcome } = await action.run();
		const durationMs = runMs ?? Math.round(performance.now() - started);
		const probe = await prober.stop();
		const loop = await ctx.server.readLoopDelay();
		results.push({ name: action.name, durationMs, ...outcome, probe, loop });
	}
	return results;
}
