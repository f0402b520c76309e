/**
 * Integration (the built server): every request writes exactly one JSON access line — found by
 * the `X-Request-Id` its response carried — with its route pattern, status, X-Cache, bytes and
 * search engine, and nothing the privacy notice does not allow (no query string, no full client
 * address); `/metrics` is valid Prometheus text (a strict parser) whose counters move as pages are
 * served, and answers only the addresses METRICS_ALLOW names, judged by the client address
 * client-address.ts decided (so a proxied stranger is refused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheusText, readSample } from '../../support/prometheus-text';
import { rawRequest } from '../../support/net';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb } from '../merchant/client';
import { clientWith } from '../staff/session-client';

let server: RunningServer;
let w: ConsoleWorld;
beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		seed: (db) => void (w = seedConsoleWorld(db)),
		env: { TRUSTED_PROXIES: '127.0.0.1' },
	});
});
afterAll(() => server?.stop());

interface AccessLine {
	msg: string;
	id: string;
	method: string;
	route: string;
	status: number;
	ms: number;
	cache: string | null;
	bytes: number;
	client: string;
	engine?: string;
}

/** The access lines the server has written so far (waiting briefly: the log is asynchronous). */
async function accessLines(expected: number): Promise<AccessLine[]> {
	const read = () =>
		server
			.output()
			.split('\n')
			.filter((line) => line.includes('"msg":"request"'))
			.map((line) => JSON.parse(line) as AccessLine);
	const deadline = Date.now() + 2_000;
	while (read().length < expected && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 20));
	}
	return read();
}

async function scrape() {
	const response = await server.get('/metrics');
	return { status: response.status, families: parsePrometheusText(await response.text()) };
}

describe('start-up', () => {
	it('loads the search’s room attributes before it listens, and says how many', () => {
		const lines = server
			.output()
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as { msg: string; rooms?: number });
		const loaded = lines.findIndex((l) => l.msg === 'search room attributes loaded');
		const listening = lines.findIndex((l) => l.msg === 'listening');
		// Every room search can find (the view the attributes are read from), none missing.
		const n = queryDb<{ n: number }>(
			server.file,
			'SELECT count(*) AS n FROM room_search_source',
		)[0]!.n;
		expect([loaded >= 0 && loaded < listening, n > 0, lines[loaded]?.rooms]).toEqual([
			true,
			true,
			n,
		]);
	});
});

describe('the access log', () => {
	it('has one line per request, with what the request was and nothing personal', async () => {
		// The start-up probe's request (support/server.ts) is the first line.
		const before = (await accessLines(1)).length;
		const asked: { id: string; expect: Partial<AccessLine> }[] = [];
		const ask = async (path: string, init: RequestInit, expect: Partial<AccessLine>) => {
			const response = await server.get(path, init);
			await response.arrayBuffer();
			asked.push({ id: response.headers.get('x-request-id')!, expect });
		};
		const day = '/schedule?day=2026-06-07&district=' + w.world.district.code;
		await ask(day, {}, { route: '/[...lang]/schedule', status: 200, cache: 'MISS' });
		await ask(day, {}, { route: '/[...lang]/schedule', status: 200, cache: 'HIT' });
		await ask('/api/search?q=%E8%8D%94%E6%9E%9D', {}, { route: '/api/search', engine: 'fts5' });
		await ask('/no-such-page', {}, { route: '/404', status: 404 });
		await ask('/healthz', {}, { route: '/healthz', status: 200, cache: null });
		await ask('/', { method: 'DELETE' }, { route: '(refused)', status: 405 });
		await ask('/%E0%A4%A', {}, { route: '(refused)', status: 400 });
		const post = await clientWith(server, w.tokens.staff).post(
			`/staff/review/room/${w.submitted.id}`,
			'staff.decideRoom',
			{ roomId: String(w.submitted.id), decision: 'reject', reason: '' },
		);
		asked.push({
			id: post.headers.get('x-request-id')!,
			expect: { method: 'POST', route: '/[...lang]/staff/review/room/[id]', cache: null },
		});
		// A trusted proxy names the client and the request id.
		await ask(
			'/en/',
			{ headers: { 'x-forwarded-for': '203.0.113.77', 'x-request-id': 'nginx-0123456789ab' } },
			{ id: 'nginx-0123456789ab', client: '203.0.113.0' },
		);
		const lines = (await accessLines(before + asked.length)).slice(before);
		const byId = asked.map(({ id, expect: wanted }) => {
			const found = lines.filter((l) => l.id === id);
			const line = found[0]!;
			const picked = Object.fromEntries(
				Object.keys(wanted).map((k) => [k, line?.[k as keyof AccessLine]]),
			);
			return { lines: found.length, ...picked };
		});
		expect(byId).toEqual(asked.map((a) => ({ lines: 1, ...a.expect })));
		expect(lines.length).toBe(asked.length);
		const text = JSON.stringify(lines);
		expect([
			text.includes('district='),
			text.includes('%E8%8D%94'),
			text.includes('203.0.113.77'),
			text.includes('127.0.0.1'),
			lines.every((l) => l.bytes > 0 && l.ms >= 0 && typeof l.client === 'string'),
		]).toEqual([false, false, false, false, true]);
	});
});

describe('/metrics', () => {
	it('is strict Prometheus text whose counters move when pages are served', async () => {
		const first = await scrape();
		const showcase = { route: '/[...lang]/showcase', cache: 'HIT', status: '200' };
		const before = {
			hits: readSample(first.families, 'livefest_page_cache_hits_total') ?? 0,
			showcaseHits: readSample(first.families, 'livefest_http_requests_total', showcase) ?? 0,
			renders:
				readSample(first.families, 'livefest_render_duration_seconds_count', {
					route: '/[...lang]/showcase',
				}) ?? 0,
		};
		for (let i = 0; i < 3; i += 1) await (await server.get('/showcase')).arrayBuffer();
		const second = await scrape();
		const f = second.families;
		expect([
			first.status,
			second.status,
			(readSample(f, 'livefest_page_cache_hits_total') ?? 0) - before.hits >= 2,
			(readSample(f, 'livefest_http_requests_total', showcase) ?? 0) - before.showcaseHits,
			(readSample(f, 'livefest_render_duration_seconds_count', { route: '/[...lang]/showcase' }) ??
				0) - before.renders,
			(readSample(f, 'livefest_page_cache_entries') ?? 0) > 0,
			(readSample(f, 'livefest_page_cache_bytes') ?? 0) > 0,
			f.get('livefest_http_request_duration_seconds')?.type,
			f.has('nodejs_eventloop_lag_p99_seconds'),
			f.has('process_resident_memory_bytes'),
			readSample(f, 'livefest_sync_sources_failing'),
		]).toEqual([200, 200, true, 2, 1, true, true, 'histogram', true, true, 0]);
	});

	it('refuses a client outside METRICS_ALLOW, even through a trusted proxy on loopback', async () => {
		const proxied = await rawRequest(`${server.origin}/metrics`, {
			headers: { 'x-forwarded-for': '198.51.100.4' },
		});
		expect([proxied.status, proxied.body.toString()]).toEqual([404, 'Not found.']);
	});
});
