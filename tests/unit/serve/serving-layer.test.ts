import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBody } from '../../../src/serve/encoded-body';
import { listen, type RunningHttpServer } from '../../../src/serve/http-server';
import { PageCache } from '../../../src/serve/page-cache';
import { createServingLayer, type AstroHandler } from '../../../src/serve/serving-layer';
import type { StaticAsset } from '../../../src/serve/static-assets';
import { rawRequest } from '../../support/net';

/**
 * The serving layer around a stand-in for Astro's handler that writes the way Astro's does
 * (writeHead, then chunks, then end), counting renders, on a real HTTP server.
 */
interface Stage {
	running: RunningHttpServer;
	origin: string;
	renders: string[];
	layer: ReturnType<typeof createServingLayer>;
	setVersion(v: number): void;
	advance(ms: number): void;
}

const PUBLIC = 'public, max-age=0, s-maxage=30, stale-while-revalidate=30';

let stage: Stage | undefined;
afterEach(async () => {
	await stage?.running.shutdown(100);
	stage = undefined;
});

async function setUp(
	respond: (url: string) => {
		cacheControl?: string;
		fresh?: string;
		delayMs?: number;
		body?: string;
	} = () => ({
		cacheControl: PUBLIC,
	}),
	statics = new Map<string, StaticAsset>(),
): Promise<Stage> {
	const renders: string[] = [];
	let version = 1;
	let now = 0;
	const handler: AstroHandler = async (req, res) => {
		const url = req.url ?? '/';
		renders.push(url);
		const { cacheControl, fresh, delayMs = 0, body } = respond(url);
		await new Promise((r) => setTimeout(r, delayMs));
		const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
		if (cacheControl) headers['cache-control'] = cacheControl;
		if (fresh) headers['x-livefest-fresh'] = fresh;
		res.writeHead(200, headers);
		res.write(body ?? `<p>${url} render ${renders.length}</p>`.padEnd(2000, ' '));
		res.end();
	};
	const layer = createServingLayer({
		handler,
		statics,
		cache: new PageCache(1024 * 1024),
		contentVersion: () => version,
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
		setVersion: (v) => (version = v),
		advance: (ms) => (now += ms),
	};
	return stage;
}

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
	rawRequest(`${stage!.origin}${path}`, { method, headers });

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

	it('drops every page on invalidation and when another process commits', async () => {
		const s = await setUp();
		await get('/');
		await get('/');
		s.layer.invalidate();
		await get('/');
		s.setVersion(2);
		await get('/');
		await get('/');
		expect(s.renders).toEqual(['/', '/', '/']);
	});

	it('does not keep a page rendered while a write committed', async () => {
		const s = await setUp(() => ({ cacheControl: PUBLIC, delayMs: 80 }));
		const during = get('/');
		await new Promise((r) => setTimeout(r, 20));
		s.layer.invalidate();
		await during;
		const after = await get('/');
		expect([s.renders.length, after.headers['x-cache']]).toEqual([2, 'MISS']);
	});

	it('renders again once the page is past its s-maxage', async () => {
		const s = await setUp(() => ({ cacheControl: 'public, s-maxage=5' }));
		await get('/');
		s.advance(4_999);
		await get('/');
		s.advance(1);
		await get('/');
		expect(s.renders.length).toBe(2);
	});

	it("keeps a page as long as the page's own freshness says, longer than a CDN may, and never sends it on", async () => {
		const s = await setUp(() => ({ cacheControl: 'public, s-maxage=5', fresh: '100' }));
		const first = await get('/');
		s.advance(99_000);
		await get('/');
		s.advance(1_000);
		await get('/');
		expect([
			s.renders.length,
			first.headers['x-livefest-fresh'],
			first.headers['cache-control'],
		]).toEqual([2, undefined, 'public, s-maxage=5']);
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
