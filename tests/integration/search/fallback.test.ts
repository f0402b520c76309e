// Layer: integration (a real HTTP server on 127.0.0.1 stands where Meilisearch would be; the
// fallback is the real FTS5 index in a real SQLite file). Needs no build.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchWithFallback, type SearchEngines } from '../../../src/lib/server/search/engines';
import { createFts5Index } from '../../../src/lib/server/search/fts5';
import { createMeilisearchIndex } from '../../../src/lib/server/search/meilisearch';
import type { SearchRequest } from '../../../src/lib/server/search/types';
import { getDayBounds } from '../../../src/lib/shared/time';
import { createFestivalWorld, createRoom } from '../../support/factories';
import { findFreePort } from '../../support/net';
import { createTempDb } from '../../support/temp-db';

type Mode = '500' | 'hang' | 'ok';

const TIMEOUT_MS = 200;
const temp = createTempDb();
const { db } = temp;
const world = createFestivalWorld(db);
const room = createRoom(db, {
	festivalId: world.festival.id,
	merchantId: world.merchant.id,
	districtId: world.district.id,
	categoryId: world.category.id,
	title: '夏季女装上新',
	startAt: new Date('2026-06-06T12:00:00Z'),
});
createRoom(db, {
	festivalId: world.festival.id,
	districtId: world.district.id,
	categoryId: world.category.id,
	title: '早茶点心',
	startAt: new Date('2026-06-07T01:00:00Z'),
});

const request: SearchRequest = {
	festivalId: world.festival.id,
	days: ['2026-06-06', '2026-06-07', '2026-06-08'].map((day) => {
		const { start, end } = getDayBounds(day, 'Asia/Shanghai');
		return { day, start: start.getTime(), end: end.getTime() };
	}),
	districtCodes: new Map([[world.district.id, world.district.code]]),
	categoryCodes: new Map([[world.category.id, world.category.code]]),
	q: '女装',
	filters: {},
	page: 1,
	pageSize: 20,
	now: new Date('2026-06-06T12:30:00Z'),
};

let mode: Mode = '500';
const received: { url: string; auth: string | undefined; body: { queries: unknown[] } }[] = [];
let server: Server;
let url: string;

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => resolve(raw));
	});
}

beforeAll(async () => {
	server = createServer(async (req, res) => {
		const raw = await readBody(req);
		received.push({ url: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(raw) });
		if (mode === 'hang') return; // never answers
		if (mode === '500') {
			res.writeHead(500, { 'content-type': 'application/json' });
			return res.end(JSON.stringify({ message: 'boom', code: 'internal', type: 'internal' }));
		}
		const page = {
			hits: [{ id: room.id }],
			totalHits: 1,
			facetDistribution: { kind: { merchant: 1 } },
		};
		const counts = [1, 0, 0].map((n) => ({ hits: [], totalHits: n }));
		// The best live and soon matches (buildSearchPlan's last two queries): none here.
		const onAir = [0, 0].map(() => ({ hits: [], totalHits: 0 }));
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ results: [page, ...counts, ...onAir] }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	temp.cleanup();
});

function makeEngines(at: string): SearchEngines {
	return {
		primary: createMeilisearchIndex(db, {
			url: at,
			key: 'k3y',
			index: 'rooms',
			searchTimeoutMs: 400,
		}),
		fallback: createFts5Index(db),
		timeoutMs: TIMEOUT_MS,
	};
}

async function timeSearch(engines: SearchEngines) {
	const started = performance.now();
	const result = await searchWithFallback(engines, request);
	return { result, elapsed: performance.now() - started };
}

describe('searchWithFallback with Meilisearch configured', () => {
	it('answers from FTS5 when Meilisearch answers 500', async () => {
		mode = '500';
		const engines = makeEngines(url);

		const { result, elapsed } = await timeSearch(engines);

		expect(result).toEqual(await engines.fallback.search(request));
		expect(result.engine).toBe('fts5');
		expect(result.ids).toEqual([room.id]);
		expect(elapsed).toBeLessThan(TIMEOUT_MS);
	});

	it('answers from FTS5 within the timeout when Meilisearch never answers', async () => {
		mode = 'hang';
		const engines = makeEngines(url);

		const { result, elapsed } = await timeSearch(engines);

		expect(result.engine).toBe('fts5');
		expect(result.ids).toEqual([room.id]);
		expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
		expect(elapsed).toBeLessThan(TIMEOUT_MS + 300);
	});

	it('answers from FTS5 when nothing listens at the configured URL', async () => {
		const closed = `http://127.0.0.1:${await findFreePort()}`;

		const { result, elapsed } = await timeSearch(makeEngines(closed));

		expect(result.engine).toBe('fts5');
		expect(elapsed).toBeLessThan(TIMEOUT_MS + 300);
	});

	it('answers from Meilisearch when it answers in time, with one authorised multi-search', async () => {
		mode = 'ok';
		received.length = 0;

		const { result } = await timeSearch(makeEngines(url));

		expect(result).toEqual({
			engine: 'meilisearch',
			total: 1,
			ids: [room.id],
			facets: { day: {}, district: {}, category: {}, kind: { merchant: 1 }, phase: { live: 1 } },
		});
		expect(received).toHaveLength(1);
		expect(received[0]!.url).toBe('/multi-search');
		expect(received[0]!.auth).toBe('Bearer k3y');
		expect(received[0]!.body.queries).toHaveLength(6);
	});
});
