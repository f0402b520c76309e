import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBody } from '../../../src/serve/encoded-body';
import { listen, type RunningHttpServer } from '../../../src/serve/http-server';
import { PageCache } from '../../../src/serve/page-cache';
import {
	createServingLayer,
	REFRESH_SPACING_MS,
	STALE_SERVE_MS,
	type AstroHandler,
} from '../../../src/serve/serving-layer';
import type { StaticAsset } from '../../../src/serve/static-assets';
import { rawRequest } from '../../support/net';

/**
 * The serving layer around a stand-in for Astro's handler that writes the way Astro's does
 * (writeHead, then chunks, then end), counting renders, on a real HTTP server, with a clock the
 * test moves and changes the test applies as the feed would (src/serve/change-feed.ts).
 */
interface Stage {
	running: RunningHttpServer;
	origin: string;
	renders: string[];
	layer: ReturnType<typeof createServingLayer>;
	advance(ms: number): void;
	/** Applies a committed change to `scope`, written now. */
	change(scope: string): void;
	/** Holds every render until `release` is called (a slow render). */
	hold(): { release: () => void };
	/** Resolves once no render is in progress. */
	settled(): Promise<void>;
}

const PUBLIC = 'public, max-age=0, s-maxage=30, stale-while-revalidate=30';

let stage: Stage | undefined;
afterEach(async () => {
	await stage?.running.shutdown(100);
	stage = undefined;
});

interface Answer {
	status?: number;
	cacheControl?: string;
	fresh?: string;
	depends?: string;
	delayMs?: number;
	body?: string;
}

async function setUp(
	respond: (url: string) => Answer = () => ({ cacheControl: PUBLIC }),
	statics = new Map<string, StaticAsset>(),
): Promise<Stage> {
	const renders: string[] = [];
	let now = 1_000_000;
	let seq = 0;
	let gate: Promise<void> | undefined;
	const inProgress = new Set<Promise<void>>();
	const handler: AstroHandler = async (req, res) => {
		const url = req.url ?? '/';
		renders.push(url);
		const { status = 200, cacheControl, fresh, depends, delayMs = 0, body } = respond(url);
		const number = renders.length;
		const work = (async () => {
			await gate;
			await new Promise((r) => setTimeout(r, delayMs));
		})();
		inProgress.add(work);
		await work;
		inProgress.delete(work);
		const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
		if (cacheControl) headers['cache-control'] = cacheControl;
		if (fresh) headers['x-livefest-fresh'] = fresh;
		if (depends) headers['x-livefest-depends'] = depends;
		res.writeHead(status, headers);
		res.write(body ?? `<p>${url} render ${number}</p>`.padEnd(2000, ' '));
		res.end();
	};
	const layer = createServingLayer({
		handler,
		statics,
		cache: new PageCache(1024 * 1024),
		clock: () => now,
	});
	const running = await listen(layer, { host: '127.0.0.1', port: 0 });
	const address = running.server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	stage = {
		running,
		origin: `http://127.0.0.1:${port}`,
		renders,
		layer,
		advance: (ms) => (now += ms),
		change: (scope) => layer.applyChanges([{ scope, seq: ++seq, changedAt: now }]),
		hold() {
			let release = () => {};
			gate = new Promise<void>((r) => (release = r));
			return {
				release: () => {
					gate = undefined;
					release();
				},
			};
		},
		async settled() {
			while (inProgress.size > 0) await Promise.all(inProgress);
			await new Promise((r) => setTimeout(r, 20)); // the render's response is recorded
		},
	};
	return stage;
}

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
	rawRequest(`${stage!.origin}${path}`, { method, headers });

/** X-Cache and the render that produced the body, for each response. */
const seen = (responses: { headers: Record<string, unknown>; body: Buffer }[]) =>
	responses.map(
		(r) => `${String(r.headers['x-cache'])} ${/render (\d+)/.exec(r.body.toString())?.[1]}`,
	);

describe('the page cache of the serving layer', () => {
	it('renders a public page once for many simultaneous visitors, then serves it from memory', async () => {
		const s = await setUp(() => ({ cacheControl: PUBLIC, delayMs: 100 }));
		const first = await Promise.all(Array.from({ length: 20 }, () => get('/schedule')));
		const later = await get('/schedule');
		expect(s.renders).toEqual(['/schedule']);
		expect(first.map((r) => r.headers['x-cache']).sort()).toEqual([
			...Array<string>(19).fill('COALESCED'),
			'MISS',
		]);
		expect(new Set([...first, later].map((r) => r.body.toString())).size).toBe(1);
		expect(later.headers['x-cache']).toBe('HIT');
	});

	it('keys pages by host, path and query', async () => {
		const s = await setUp();
		await get('/schedule?day=1');
		await get('/schedule?day=2');
		await get('/schedule?day=1', { host: 'other.example' });
		await get('/schedule?day=1');
		expect(s.renders).toEqual(['/schedule?day=1', '/schedule?day=2', '/schedule?day=1']);
	});

	it('never shares what a page did not mark public, nor what signed-in visitors and forms get', async () => {
		const s = await setUp((url) => ({
			cacheControl: url === '/private' ? 'private, no-store' : PUBLIC,
			delayMs: 20,
		}));
		const privatePages = await Promise.all([get('/private'), get('/private'), get('/private')]);
		await get('/public', { cookie: 'livefest_session=a.b' });
		await get('/public', { cookie: 'livefest_session=a.b' });
		await get('/public', { authorization: 'Basic eDp5' });
		await get('/public', {}, 'POST');
		expect(privatePages.map((r) => r.headers['x-cache'])).toEqual(['BYPASS', 'BYPASS', 'BYPASS']);
		expect(s.renders).toEqual([
			'/private',
			'/private',
			'/private',
			'/public',
			'/public',
			'/public',
			'/public',
		]);
	});

	it('a change re-renders only the pages showing its scope; the others stay cached', async () => {
		const s = await setUp((url) => ({
			cacheControl: PUBLIC,
			depends:
				{ '/rooms/1': 'festival room:1', '/rooms/2': 'festival room:2' }[url] ??
				'festival merchant:3',
		}));
		await Promise.all([get('/rooms/1'), get('/rooms/2'), get('/merchants/3')]);
		s.advance(5_000);
		s.change('room:1');
		const during = await Promise.all([get('/rooms/1'), get('/rooms/2'), get('/merchants/3')]);
		await s.settled();
		const after = await get('/rooms/1');
		expect([...seen(during), ...seen([after])]).toEqual(['STALE 1', 'HIT 2', 'HIT 3', 'HIT 4']);
	});

	it('serves the stale copy at once while one slow render refreshes it, then the fresh one', async () => {
		const s = await setUp(() => ({ cacheControl: PUBLIC, depends: 'festival lists' }));
		await get('/');
		s.advance(5_000);
		s.change('lists');
		const slow = s.hold();
		const during = await Promise.all([get('/'), get('/'), get('/')]);
		const rendersDuring = s.renders.length;
		slow.release();
		await s.settled();
		const after = await get('/');
		expect([seen(during), rendersDuring, seen([after])]).toEqual([
			['STALE 1', 'STALE 1', 'STALE 1'],
			2,
			['HIT 2'],
		]);
	});

	it('past the bound after a change, requests wait for the fresh render instead', async () => {
		const s = await setUp(() => ({ cacheControl: PUBLIC, depends: 'festival lists' }));
		await get('/');
		s.change('lists');
		s.advance(STALE_SERVE_MS + 1);
		const after = await get('/');
		expect(seen([after])).toEqual(['MISS 2']);
	});

	it('a page that named no scopes is touched by every change; a change to none it shows, never', async () => {
		const s = await setUp((url) => ({
			cacheControl: PUBLIC,
			depends: url === '/api' ? undefined : 'festival room:1',
		}));
		await Promise.all([get('/api'), get('/room')]);
		s.advance(5_000);
		s.change('merchant:9');
		const answers = await Promise.all([get('/api'), get('/room')]);
		expect(seen(answers)).toEqual(['STALE 1', 'HIT 2']);
	});

	it('keeps a page rendered while a change committed, stale from that change', async () => {
		const s = await setUp(() => ({ cacheControl: PUBLIC, depends: 'lists' }));
		const slow = s.hold();
		const during = get('/');
		await new Promise((r) => setTimeout(r, 20));
		s.change('lists');
		slow.release();
		await during;
		s.advance(REFRESH_SPACING_MS);
		const next = await get('/');
		await s.settled();
		expect([seen([next]), s.renders.length]).toEqual([['STALE 1'], 2]);
	});

	it('while changes keep coming, re-renders a page at most once a second', async () => {
		const s = await setUp(() => ({ cacheControl: PUBLIC, depends: 'lists' }));
		await get('/');
		s.advance(REFRESH_SPACING_MS);
		s.change('lists');
		await get('/');
		await s.settled();
		s.change('lists');
		const soon = await get('/');
		s.advance(REFRESH_SPACING_MS);
		const later = await get('/');
		await s.settled();
		expect([seen([soon, later]), s.renders.length]).toEqual([['STALE 2', 'STALE 2'], 3]);
	});

	it('drops the stale copy when the refresh finds the page no longer public', async () => {
		let gone = false;
		const s = await setUp(() => ({
			status: gone ? 404 : 200,
			cacheControl: PUBLIC,
			depends: 'room:1',
		}));
		await get('/rooms/1');
		s.advance(5_000);
		s.change('room:1');
		gone = true;
		await get('/rooms/1');
		await s.settled();
		const after = await get('/rooms/1');
		expect([after.status, after.headers['x-cache']]).toEqual([404, 'BYPASS']);
	});

	it('past its freshness serves the copy stale while it refreshes, and past the bound renders first', async () => {
		const s = await setUp(() => ({ cacheControl: 'public, s-maxage=5' }));
		await get('/');
		s.advance(4_999);
		const fresh = await get('/');
		s.advance(1);
		const stale = await get('/');
		await s.settled();
		s.advance(5_000 + STALE_SERVE_MS + 1);
		const waited = await get('/');
		expect(seen([fresh, stale, waited])).toEqual(['HIT 1', 'STALE 1', 'MISS 3']);
	});

	it("keeps a page as long as the page's own freshness says, longer than a CDN may, and never sends it on", async () => {
		const s = await setUp(() => ({
			cacheControl: 'public, s-maxage=5',
			fresh: '100.5',
			depends: 'lists',
		}));
		const first = await get('/');
		s.advance(100_499);
		const last = await get('/');
		s.advance(1);
		const stale = await get('/');
		expect([
			seen([last, stale]),
			first.headers['x-livefest-fresh'],
			first.headers['x-livefest-depends'],
			first.headers['cache-control'],
		]).toEqual([['HIT 1', 'STALE 1'], undefined, undefined, 'public, s-maxage=5']);
	});

	it('a no-cache request renders afresh and refreshes the cache', async () => {
		const s = await setUp();
		await get('/');
		const forced = await get('/', { 'cache-control': 'no-cache' });
		const after = await get('/');
		expect([s.renders.length, forced.headers['x-cache'], after.body.equals(forced.body)]).toEqual([
			2,
			'MISS',
			true,
		]);
	});

	it('answers conditional requests with 304 and HEAD without a body', async () => {
		await setUp();
		const full = await get('/', { 'accept-encoding': 'gzip' });
		const again = await get('/', {
			'accept-encoding': 'gzip',
			'if-none-match': String(full.headers.etag),
		});
		const head = await get('/', {}, 'HEAD');
		expect([again.status, again.body.length, again.headers.etag]).toEqual([
			304,
			0,
			full.headers.etag,
		]);
		expect([head.status, head.body.length, Number(head.headers['content-length']) > 0]).toEqual([
			200,
			0,
			true,
		]);
	});

	it('keeps the routes Astro registers but the portal never uses away from Astro', async () => {
		const s = await setUp();
		const answers = await Promise.all([
			get('/_server-islands/Anything', {}, 'POST'),
			get('/_image?href=/favicon.svg&w=10'),
			get('/_IMAGE'),
			get('/%5Fserver-islands/Anything', {}, 'POST'),
			get('//_image'),
		]);
		expect([answers.map((r) => r.status), s.renders]).toEqual([[404, 404, 404, 404, 404], []]);
	});

	it('answers a malformed percent-encoding with 400 without reaching Astro', async () => {
		const s = await setUp();
		const response = await get('/%E0%A4%A');
		expect([response.status, s.renders]).toEqual([400, []]);
	});

	it('serves build files from memory, compressed, immutable when hashed', async () => {
		const script = Buffer.from('export const a = 1;\n'.repeat(200));
		const statics = new Map<string, StaticAsset>([
			[
				'/_astro/app.abc123.js',
				{
					body: await encodeBody(script, 'text/javascript'),
					contentType: 'text/javascript; charset=utf-8',
					cacheControl: 'public, max-age=31536000, immutable',
				},
			],
		]);
		const s = await setUp(undefined, statics);
		const response = await get('/_astro/app.abc123.js?v=1', { 'accept-encoding': 'br' });
		expect([
			s.renders.length,
			response.headers['content-encoding'],
			response.headers['cache-control'],
			response.headers['x-cache'],
		]).toEqual([0, 'br', 'public, max-age=31536000, immutable', 'STATIC']);
	});
});

describe('the HTTP server', () => {
	it('keeps idle connections open longer than load balancers do', async () => {
		await setUp();
		const response = await get('/', { connection: 'keep-alive' });
		expect(response.headers['keep-alive']).toBe('timeout=70');
	});

	it('on shutdown stops accepting, yet finishes the requests in flight', async () => {
		const s = await setUp(() => ({ cacheControl: PUBLIC, delayMs: 300 }));
		const inFlight = get('/slow');
		await new Promise((r) => setTimeout(r, 50));
		const stopped = s.running.shutdown(5_000);
		const refused = await new Promise<string>((resolve) => {
			const socket = connect(Number(new URL(s.origin).port), '127.0.0.1');
			socket.on('connect', () => resolve('accepted'));
			socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
		});
		const response = await inFlight;
		await stopped;
		expect([refused, response.status, response.body.toString()]).toEqual([
			'ECONNREFUSED',
			200,
			expect.stringContaining('/slow render 1') as unknown as string,
		]);
	});
});
