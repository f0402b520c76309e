import Ajv from 'ajv';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFestival } from '../../../db/seed';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { queryDb } from '../merchant/client';
import { startServer, type RunningServer } from '../../support/server';

/**
 * Integration (the built server on the demo festival): the open feeds for republishers. The
 * contract test reads the OpenAPI document the server publishes — generated from the zod schemas
 * that validate the queries — and checks live answers against it with a JSON Schema validator.
 */
const NOW = '2026-06-07T12:00:00Z';

let server: RunningServer;
let doc: {
	paths: Record<
		string,
		{
			get: {
				parameters: { name: string; in: string; required: boolean }[];
				responses: Record<string, { content?: Record<string, { schema: object }> }>;
			};
		}
	>;
};
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat(
	'date-time',
	(s: string) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(s) && !Number.isNaN(Date.parse(s)),
);
ajv.addFormat('uri', (s: string) => URL.canParse(s));

beforeAll(async () => {
	server = await startServer({ seed: (db) => void seedDemoFestival(db, {}), now: NOW });
	doc = await (await server.get('/api/v1/openapi.json')).json();
});
afterAll(() => server?.stop());

/** The answer's problems against the document's schema for this path and status ([] when valid). */
async function violations(path: string, response: Response): Promise<unknown[]> {
	const route = path.split('?')[0]!;
	const schema =
		doc.paths[route]!.get.responses[String(response.status)]!.content!['application/json']!.schema;
	const validate = ajv.compile(schema);
	return validate(await response.json()) ? [] : (validate.errors ?? []);
}

describe('GET /api/v1/openapi.json', () => {
	it('describes every feed, with the schedule query parameters of its zod schema', () => {
		expect([
			Object.keys(doc.paths).sort(),
			doc.paths['/api/v1/schedule']!.get.parameters.map((p) => [p.name, p.in, p.required]),
		]).toEqual([
			['/api/v1/schedule', '/api/v1/venues', '/api/v1/xmltv.xml', '/venues/{slug}.ics'],
			[
				['day', 'query', false],
				['venue', 'query', false],
				['district', 'query', false],
				['category', 'query', false],
				['kind', 'query', false],
				['page', 'query', false],
			],
		]);
	});
});

describe('contract: live answers match the OpenAPI document', () => {
	const PATHS = [
		'/api/v1/schedule',
		'/api/v1/schedule?day=2026-06-06&page=2',
		'/api/v1/schedule?venue=liwan',
		'/api/v1/schedule?district=tianhe&kind=showcase',
		'/api/v1/schedule?day=2026-06-08&category=fresh-produce',
		'/api/v1/venues',
		'/api/v1/schedule?when=now',
		'/api/v1/schedule?day=2027-01-01&page=0',
		'/api/v1/schedule?venue=no-such-venue',
	];
	for (const path of PATHS) {
		it(`${path}`, async () => {
			const response = await server.get(path);
			expect([response.headers.get('content-type'), await violations(path, response)]).toEqual([
				'application/json; charset=utf-8',
				[],
			]);
		});
	}
});

describe('GET /api/v1/schedule', () => {
	it('pages through a day in start order, 48 rooms a page, with links to the neighbours', async () => {
		const first = await (await server.get('/api/v1/schedule?day=2026-06-07')).json();
		const second = await (
			await server.get(new URL(first.next).pathname + new URL(first.next).search)
		).json();
		const starts = [...first.rooms, ...second.rooms].map((r: { startsAt: string }) => r.startsAt);
		expect([
			first.page,
			first.perPage,
			first.rooms.length,
			first.prev,
			second.page,
			new URL(second.prev).search,
			starts.every((s, i) => i === 0 || starts[i - 1]! <= s),
			first.total > 96,
		]).toEqual([1, 48, 48, null, 2, '?day=2026-06-07&page=1', true, true]);
	});

	it("gives a venue's rooms only", async () => {
		const body = await (await server.get('/api/v1/schedule?venue=liwan&day=2026-06-07')).json();
		const ids: number[] = body.rooms.map((r: { id: number }) => r.id);
		const members = queryDb<{ room_id: number }>(
			server.file,
			"select room_id from room_venue join venue on venue.id = venue_id where venue.slug = 'liwan'",
		).map((r) => r.room_id);
		expect([ids.length > 0, ids.every((id) => members.includes(id))]).toEqual([true, true]);
	});

	it('names every parameter at fault with 400, and no cache keeps it', async () => {
		const response = await server.get(
			'/api/v1/schedule?page=0&kind=tv&when=now&venue=liwan&district=tianhe',
		);
		const body = await response.json();
		expect([response.status, response.headers.get('cache-control'), body.error.issues]).toEqual([
			400,
			'no-store',
			[
				{
					param: 'kind',
					message: "Invalid enum value. Expected 'merchant' | 'showcase', received 'tv'",
				},
				{ param: 'page', message: 'Number must be greater than or equal to 1' },
				{ param: 'when', message: 'not a parameter of this feed' },
			],
		]);
	});

	it('answers 304 to a client that sends back its ETag, and lets shared caches keep it', async () => {
		const first = await server.get('/api/v1/schedule?venue=tianhe');
		await first.arrayBuffer();
		const etag = first.headers.get('etag')!;
		const again = await server.get('/api/v1/schedule?venue=tianhe', {
			headers: { 'if-none-match': etag },
		});
		expect([
			first.status,
			/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=30$/.test(
				first.headers.get('cache-control')!,
			),
			first.headers.get('access-control-allow-origin'),
			first.headers.get('set-cookie'),
			again.status,
		]).toEqual([200, true, '*', null, 304]);
	});

	it('reads no session and sets no cookie, whoever asks', async () => {
		const response = await server.get('/api/v1/schedule', {
			headers: { cookie: `${SESSION_COOKIE}=not-a-session` },
		});
		await response.arrayBuffer();
		expect([response.status, response.headers.get('set-cookie')]).toEqual([200, null]);
	});
});

describe('GET /venues/{slug}.ics', () => {
	it("is the venue's coming rooms as a calendar named after it", async () => {
		const response = await server.get('/en/venues/liwan.ics');
		const calendar = new ICAL.Component(ICAL.parse(await response.text()));
		const events = calendar.getAllSubcomponents('vevent');
		const urls = events.map((e) => String(e.getFirstPropertyValue('url')));
		expect([
			response.status,
			response.headers.get('content-type'),
			calendar.getFirstPropertyValue('x-wr-calname'),
			events.length > 0 && events.length <= 300,
			urls.every((u) => u.startsWith(`${server.origin}/en/go/`)),
		]).toEqual([
			200,
			'text/calendar; charset=utf-8',
			'Liwan district venue · Guangzhou Live Commerce Festival 2026',
			true,
			true,
		]);
	});

	it('answers 404 for a venue that does not exist', async () => {
		const response = await server.get('/venues/nowhere.ics');
		expect(response.status).toBe(404);
	});
});

describe('rate limit', () => {
	it('refuses renders past FEED_RENDERS_PER_MINUTE from one address with 429 and Retry-After', async () => {
		const limited = await startServer({
			seed: (db) => void seedDemoFestival(db, {}),
			now: NOW,
			env: { FEED_RENDERS_PER_MINUTE: '3' },
		});
		try {
			// Each query string is a render of its own (a cached copy would cost nothing).
			const statuses: number[] = [];
			let retryAfter: string | null = null;
			for (const page of [1, 2, 3, 4]) {
				const response = await limited.get(`/api/v1/schedule?page=${page}`);
				await response.arrayBuffer();
				statuses.push(response.status);
				retryAfter ??= response.headers.get('retry-after');
			}
			// The page already rendered comes from the cache, limit or not.
			const cached = await limited.get('/api/v1/schedule?page=1');
			await cached.arrayBuffer();
			expect([statuses, Number(retryAfter) > 0, cached.status]).toEqual([
				[200, 200, 200, 429],
				true,
				200,
			]);
		} finally {
			await limited.stop();
		}
	});
});
