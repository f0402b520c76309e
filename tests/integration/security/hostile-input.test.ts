import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { openDatabase } from '../../../src/lib/server/db';
import { queryDb } from '../merchant/client';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';

/**
 * Integration: the classic hostile payloads, sent to every form action and endpoint. A refused
 * request must answer a 4xx (never a 500) and leave every content table exactly as it was; a
 * payload that is legitimately stored must come back inert wherever it is shown.
 */
let server: RunningServer;
let world: ConsoleWorld;
let uploads: string;

beforeAll(async () => {
	uploads = mkdtempSync(path.join(os.tmpdir(), 'livefest-hostile-uploads-'));
	server = await startServer({
		now: CONSOLE_NOW,
		env: { UPLOAD_DIR: uploads },
		seed: (db) => {
			world = seedConsoleWorld(db);
		},
	});
});

afterAll(async () => {
	await server?.stop();
	rmSync(uploads, { recursive: true, force: true });
});

/** Tables whose rows are the portal's data (sessions and rate-limit buckets may change). */
const CONTENT_TABLES = [
	'user',
	'merchant',
	'room',
	'room_product',
	'showcase_host',
	'festival',
	'district',
	'category',
	'audit_event',
	'deeplink_open',
	'search_outbox',
];

/** Every row of every content table, so an UPDATE shows as well as an INSERT or DELETE. */
function snapshot(): Record<string, unknown[]> {
	return Object.fromEntries(
		CONTENT_TABLES.map((table) => [
			table,
			queryDb(server.file, `SELECT * FROM "${table}" ORDER BY rowid`).map((row) =>
				JSON.stringify(row, (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
			),
		]),
	);
}

type Who = 'anonymous' | 'merchant' | 'staff' | 'admin';

function cookie(who: Who): Record<string, string> {
	return who === 'anonymous' ? {} : { cookie: `${SESSION_COOKIE}=${world.tokens[who]}` };
}

function form(fields: [string, string][]): URLSearchParams {
	return new URLSearchParams(fields);
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const XSS = '<script>alert(1)</script>';
const ROOM_FIELDS: [string, string][] = [
	['title', '荔枝节女装专场二'],
	['anchorName', '主播小李'],
	['start', '2026-06-08T19:30'],
	['end', '2026-06-08T21:00'],
];

interface HostileCase {
	name: string;
	who: Who;
	path: string | (() => string);
	method?: string;
	body?: () => BodyInit;
	headers?: Record<string, string>;
	status: number;
}

const post = (
	name: string,
	who: Who,
	action: string,
	fields: () => [string, string][],
	status: number,
): HostileCase => ({
	name,
	who,
	path: `/_actions/${action}`,
	method: 'POST',
	body: () => form(fields()),
	status,
});

/** Raw bytes, for bodies that are not valid UTF-8. */
const bytes = (...chunks: (string | number[])[]): Blob =>
	new Blob(chunks.map((c) => (typeof c === 'string' ? c : new Uint8Array(c))));

const CASES: HostileCase[] = [
	// SQL fragments
	post(
		'SQL in the login e-mail',
		'anonymous',
		'auth.login',
		() => [
			['email', "' OR '1'='1' --"],
			['password', "x' OR 1=1; DROP TABLE user; --"],
		],
		400,
	),
	post('SQL in a room id', 'merchant', 'rooms.cancel', () => [['roomId', '1 OR 1=1']], 400),
	post(
		'SQL in a review decision',
		'staff',
		'staff.decideRoom',
		() => [
			['roomId', String(world.submitted.id)],
			['decision', "approve'; UPDATE room SET review_status='approved'; --"],
		],
		400,
	),
	// Script in fields that are refused for their shape
	post(
		'script as the sign-up e-mail',
		'anonymous',
		'auth.signup',
		() => [
			['email', `${XSS}@example.com`],
			['password', 'Lychee-Season-2026'],
			['confirm', 'Lychee-Season-2026'],
		],
		400,
	),
	post(
		'javascript: URL as the room page path',
		'merchant',
		'business.save',
		() => [
			['legalName', '测试商贸有限公司'],
			['nameZh', '荔枝小店'],
			['creditCode', '91440101MA59TEST00'],
			['districtId', String(world.world.district.id)],
			['categoryId', String(world.world.category.id)],
			['contactName', '张三'],
			['contactMobile', '13800000000'],
			['appId', 'wx0000000000000001'],
			['roomPagePath', 'javascript:alert(1)'],
		],
		400,
	),
	// Numbers
	post('negative room id', 'merchant', 'rooms.cancel', () => [['roomId', '-1']], 400),
	post(
		'huge room id',
		'merchant',
		'rooms.cancel',
		() => [['roomId', '99999999999999999999999']],
		400,
	),
	post('room id 1e309', 'merchant', 'rooms.cancel', () => [['roomId', '1e309']], 400),
	post(
		'negative price',
		'merchant',
		'rooms.save',
		() => [
			...ROOM_FIELDS,
			['productName', '荔枝'],
			['productPriceType', 'fixed'],
			['productPrice', '-5'],
			['productPrice2', ''],
		],
		400,
	),
	post(
		'huge price',
		'merchant',
		'rooms.save',
		() => [
			...ROOM_FIELDS,
			['productName', '荔枝'],
			['productPriceType', 'fixed'],
			['productPrice', '1e20'],
			['productPrice2', ''],
		],
		400,
	),
	post(
		'negative featured position',
		'staff',
		'staff.featureMove',
		() => [
			['roomId', '-3'],
			['direction', 'up'],
		],
		400,
	),
	// Duplicated parameters: another merchant's id after one's own
	post(
		'duplicated room id on cancel',
		'merchant',
		'rooms.cancel',
		() => [
			['roomId', 'abc'],
			['roomId', String(world.submitted.id)],
		],
		400,
	),
	// Oversized fields and bodies
	post(
		'100 000-character title',
		'merchant',
		'rooms.save',
		() => [['title', 'x'.repeat(100_000)], ...ROOM_FIELDS.slice(1)],
		400,
	),
	post(
		'10 000 product rows',
		'merchant',
		'rooms.save',
		() => [
			...ROOM_FIELDS,
			...Array.from({ length: 10_000 }, (): [string, string] => ['productName', '荔枝']),
		],
		400,
	),
	{
		name: 'body over the action limit',
		who: 'anonymous',
		path: '/_actions/auth.login',
		method: 'POST',
		body: () => `email=${'a'.repeat(4 * 1024 * 1024)}`,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		status: 413,
	},
	// Invalid UTF-8 and wrong content types
	{
		name: 'invalid UTF-8 in a form',
		who: 'anonymous',
		path: '/_actions/auth.login',
		method: 'POST',
		body: () => bytes('email=', [0xff, 0xfe, 0xc3, 0x28], '%FF%FE&password=', [0xe0, 0x80]),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		status: 400,
	},
	{
		name: 'JSON where a form is expected',
		who: 'anonymous',
		path: '/_actions/auth.login',
		method: 'POST',
		body: () => JSON.stringify({ email: 'shop@example.com', password: 'x' }),
		headers: { 'content-type': 'application/json' },
		status: 415,
	},
	{
		name: 'text/plain to an action',
		who: 'merchant',
		path: '/_actions/rooms.cancel',
		method: 'POST',
		body: () => `roomId=${world.submitted.id}`,
		headers: { 'content-type': 'text/plain' },
		status: 415,
	},
	{
		name: 'multipart without a boundary',
		who: 'merchant',
		path: '/_actions/rooms.cancel',
		method: 'POST',
		body: () => `roomId=${world.submitted.id}`,
		headers: { 'content-type': 'multipart/form-data' },
		status: 415,
	},
	{
		name: 'truncated multipart',
		who: 'merchant',
		path: '/_actions/rooms.cancel',
		method: 'POST',
		body: () => '--xyz\r\nContent-Disposition: form-data; name="roomId"\r\n\r\n1',
		headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
		status: 415,
	},
	// Uploads: checked by content, never by name
	{
		name: 'HTML uploaded as a cover named ../../evil.png',
		who: 'merchant',
		path: '/_actions/rooms.save',
		method: 'POST',
		body: () => {
			const data = new FormData();
			for (const [k, v] of ROOM_FIELDS) data.append(k, v);
			data.append(
				'cover',
				new Blob([`<svg onload=alert(1)>`], { type: 'image/png' }),
				'../../evil.png',
			);
			return data;
		},
		status: 400,
	},
	{
		name: 'cover over 2 MB',
		who: 'merchant',
		path: '/_actions/rooms.save',
		method: 'POST',
		body: () => {
			const big = new Uint8Array(2 * 1024 * 1024 + 1);
			big.set(PNG);
			const data = new FormData();
			for (const [k, v] of ROOM_FIELDS) data.append(k, v);
			data.append('cover', new Blob([big], { type: 'image/png' }), 'big.png');
			return data;
		},
		status: 400,
	},
	post(
		'import payload that is not getliveinfo',
		'merchant',
		'rooms.import',
		() => [['payload', `{"errcode":0,"room_info":"'; DROP TABLE room; --${XSS}"}`]],
		400,
	),
	// Endpoints
	{
		name: 'traversal in a media name',
		who: 'anonymous',
		path: '/media/..%2F..%2Fpackage.json',
		status: 404,
	},
	{
		name: 'dot-dot media name',
		who: 'anonymous',
		path: '/media/%2e%2e%2f%2e%2e%2fpackage.json',
		status: 404,
	},
	{
		name: 'NUL in a media name',
		who: 'anonymous',
		path: '/media/0123456789abcdef0123456789abcdef.png%00.html',
		status: 404,
	},
	{
		name: 'traversal in an export name',
		who: 'staff',
		path: '/staff/export/..%2F..%2F..%2Fpackage.json',
		status: 404,
	},
	{
		name: 'export name with a NUL',
		who: 'staff',
		path: '/staff/export/rooms.csv%00.html',
		status: 404,
	},
	{
		name: 'traversal in a room id',
		who: 'anonymous',
		path: '/rooms/..%2F..%2Fpackage.json',
		status: 404,
	},
	{ name: 'SQL in a room page id', who: 'anonymous', path: '/rooms/1%20OR%201=1', status: 404 },
	{
		name: 'huge room page id',
		who: 'anonymous',
		path: '/rooms/99999999999999999999999999',
		status: 404,
	},
	{ name: 'negative room id on /go', who: 'anonymous', path: '/go/-1', status: 404 },
	{
		name: 'hostile ids to the status API',
		who: 'anonymous',
		path: `/api/rooms/status?ids=-1,1e400,99999999999999999999,${encodeURIComponent(XSS)}`,
		status: 400,
	},
	{
		name: 'huge page to the search API',
		who: 'anonymous',
		path: `/api/search?q=${encodeURIComponent(XSS)}&page=-1&page=99999999999999999999`,
		status: 400,
	},
	{
		name: 'hostile ids to the calendar',
		who: 'anonymous',
		path: `/my/calendar.ics?rooms=-1,1e400,${'9'.repeat(400)},../x`,
		status: 200,
	},
	{
		name: 'open beacon over 64 bytes',
		who: 'anonymous',
		path: () => `/api/rooms/${world.approved[0]!.id}/open`,
		method: 'POST',
		body: () => 'scheme'.repeat(100),
		headers: { 'content-type': 'text/plain' },
		status: 413,
	},
	{
		name: 'open beacon with an unknown channel',
		who: 'anonymous',
		path: () => `/api/rooms/${world.approved[0]!.id}/open`,
		method: 'POST',
		body: () => `javascript:alert(1)`,
		headers: { 'content-type': 'text/plain' },
		status: 400,
	},
	{
		name: 'open beacon for a negative id',
		who: 'anonymous',
		path: '/api/rooms/-1/open',
		method: 'POST',
		body: () => 'scheme',
		headers: { 'content-type': 'text/plain' },
		status: 400,
	},
];

/**
 * A server that refuses an oversized body answers 413 and closes the connection while the client
 * may still be uploading; fetch then reports the reset instead of the answer. For cases whose
 * expected answer is 413 that reset is the same refusal (the tables are still compared).
 */
async function refusedOrReset(
	expected: number,
	request: () => Promise<Response>,
): Promise<Response> {
	try {
		return await request();
	} catch (error) {
		if (expected === 413) return new Response(null, { status: 413 });
		throw error;
	}
}

async function send(c: HostileCase): Promise<Response> {
	const target = typeof c.path === 'function' ? c.path() : c.path;
	const method = c.method ?? 'GET';
	return refusedOrReset(c.status, () =>
		server.get(target, {
			method,
			body: c.body?.(),
			headers: {
				...cookie(c.who),
				...(method === 'GET' ? {} : { origin: server.origin }),
				// A request refused before its body is read leaves the socket unusable; never reuse it.
				connection: 'close',
				...c.headers,
			},
		}),
	);
}

/** A body sent in chunks, without a Content-Length, so only a streaming cap can stop it early. */
function chunked(size: number): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= size) return controller.close();
			const chunk = new Uint8Array(Math.min(64 * 1024, size - sent)).fill(0x61);
			sent += chunk.length;
			controller.enqueue(chunk);
		},
	});
}

async function sendChunked(
	target: string,
	who: Who,
	contentType: string,
	size = 8 * 1024 * 1024,
): Promise<Response> {
	return refusedOrReset(413, () =>
		server.get(target, {
			method: 'POST',
			body: chunked(size),
			headers: {
				...cookie(who),
				origin: server.origin,
				'content-type': contentType,
				connection: 'close',
			},
			duplex: 'half',
		} as RequestInit),
	);
}

describe('refused hostile input', () => {
	it('each payload answers its 4xx and writes nothing', async () => {
		const actual: Record<string, { status: number; wrote: boolean }> = {};
		for (const c of CASES) {
			const before = snapshot();
			const response = await send(c);
			await response.arrayBuffer();
			actual[c.name] = {
				status: response.status,
				wrote: JSON.stringify(snapshot()) !== JSON.stringify(before),
			};
		}
		expect(readdirSync(uploads)).toEqual([]);
		expect(actual).toEqual(
			Object.fromEntries(CASES.map((c) => [c.name, { status: c.status, wrote: false }])),
		);
	});
});

describe('bodies that are not forms, sent to actions', () => {
	// Astro 5.18 parses a body declared `application/json` before it checks the action's
	// `accept: 'form'`, and malformed JSON escaped as a 500; src/middleware.ts now refuses any body
	// that is not a form with 415 before Astro sees it.
	it('invalid JSON to an action answers 415, not 500', async () => {
		const before = snapshot();
		const response = await server.get('/_actions/rooms.cancel', {
			method: 'POST',
			body: '{"roomId": ',
			headers: { ...cookie('merchant'), origin: server.origin, 'content-type': 'application/json' },
		});
		expect({
			status: response.status,
			same: JSON.stringify(snapshot()) === JSON.stringify(before),
		}).toEqual({
			status: 415,
			same: true,
		});
	});
});

describe('bodies without a Content-Length', () => {
	it('an 8 MB chunked form to an action is cut off at the action limit', async () => {
		const response = await sendChunked(
			'/_actions/auth.login',
			'anonymous',
			'application/x-www-form-urlencoded',
		);
		expect(response.status).toBe(413);
	});

	// A chunked body has no Content-Length; the beacon reads through a capped stream
	// (src/lib/server/read-body.ts) instead of buffering whatever arrives.
	it('an 8 MB chunked open beacon is refused with 413', async () => {
		const before = snapshot();
		// 256 kB: far past the 64-byte cap, small enough that the client has sent it all before the
		// server answers (a larger body races the early 413 against the upload).
		const response = await sendChunked(
			`/api/rooms/${world.approved[0]!.id}/open`,
			'anonymous',
			'text/plain',
			256 * 1024,
		);
		expect({
			status: response.status,
			same: JSON.stringify(snapshot()) === JSON.stringify(before),
		}).toEqual({
			status: 413,
			same: true,
		});
	});
});

/**
 * What would run in a browser: a script (other than JSON-LD that cannot close its element) or an
 * event-handler attribute mentioning `alert(`, or a `javascript:` URL in any attribute. Markup
 * inside a quoted attribute value is text to a browser and is not counted.
 */
function findLivePayloads(doc: HTMLElement): string[] {
	const live: string[] = [];
	for (const el of doc.querySelectorAll('*')) {
		const text = el.tagName === 'SCRIPT' ? el.innerHTML : '';
		const jsonLd = el.getAttribute('type') === 'application/ld+json';
		if (text.includes('alert(') && (!jsonLd || /<\/|<!--/.test(text))) live.push(`script ${text}`);
		for (const [name, value] of Object.entries(el.attributes)) {
			if (/^on/i.test(name) && value.includes('alert(')) live.push(`${el.tagName} ${name}`);
			if (/^\s*javascript:/i.test(value)) live.push(`${el.tagName} ${name}=${value}`);
		}
	}
	return live;
}

/** Whether a room's title (either language) appears in the page's text or an attribute. */
function showsTitle(doc: HTMLElement, titles: string[]): boolean {
	if (titles.some((t) => doc.textContent.includes(t))) return true;
	return doc
		.querySelectorAll('*')
		.some((el) => Object.values(el.attributes).some((v) => titles.some((t) => v.includes(t))));
}

/** Highlights are inserted as HTML by the search island: only `<mark>` may be markup in them. */
function findMarkupInHighlights(value: unknown, key = ''): string[] {
	if (typeof value === 'string') {
		return key === 'highlight' || /^highlight\./.test(key)
			? value.replace(/<\/?mark>/g, '').includes('<')
				? [value]
				: []
			: [];
	}
	if (Array.isArray(value)) return value.flatMap((v) => findMarkupInHighlights(v, key));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) =>
			findMarkupInHighlights(
				v,
				key === 'highlight' || key.startsWith('highlight.') ? `highlight.${k}` : k,
			),
		);
	}
	return [];
}

const STORED = {
	title: '<svg onload=alert(1)>',
	titleEn: '<script>alert(1)</script>',
	description: `<img src=x onerror=alert(1)> javascript:alert(1) ' OR 1=1 --`,
	anchorName: '"><b onmouseover=alert(1)>',
	productName: '<script>alert(2)</script>',
};

describe('accepted hostile text', () => {
	it('the detectors see a live payload when there is one', () => {
		const page = parse(
			'<img src=x onerror=alert(1)><a href=" javascript:alert(1)">x</a><script>alert(1)</script>',
		);
		expect([
			findLivePayloads(page).length,
			findMarkupInHighlights({ hits: [{ highlight: { title: '<mark>a</mark><b>' } }] }),
		]).toEqual([3, ['<mark>a</mark><b>']]);
	});

	it('a room full of markup is stored as text and shown inert on every page', async () => {
		const saved = await server.get('/_actions/rooms.save', {
			method: 'POST',
			body: form([
				['title', STORED.title],
				['titleEn', STORED.titleEn],
				['description', STORED.description],
				['anchorName', STORED.anchorName],
				['start', '2026-06-07T22:00'],
				['end', '2026-06-07T23:00'],
				['productName', STORED.productName],
				['productPriceType', 'fixed'],
				['productPrice', '9.9'],
				['productPrice2', ''],
			]),
			headers: { ...cookie('merchant'), origin: server.origin },
		});
		expect(saved.status).toBe(200);
		const id = queryDb<{ id: number }>(
			server.file,
			'SELECT id FROM room WHERE title = ?',
			STORED.title,
		)[0]!.id;
		expect(
			queryDb(
				server.file,
				'SELECT title, title_en, description, anchor_name FROM room WHERE id = ?',
				id,
			),
		).toEqual([
			{
				title: STORED.title,
				title_en: STORED.titleEn,
				description: STORED.description,
				anchor_name: STORED.anchorName,
			},
		]);
		const seenBeforeApproval: [Who, string][] = [
			['merchant', '/merchant/rooms'],
			['merchant', `/merchant/rooms/${id}`],
			['merchant', `/en/merchant/rooms/${id}`],
			['staff', '/staff/review'],
			['staff', `/staff/review/room/${id}`],
			['staff', `/en/staff/review/room/${id}`],
		];
		const approve = openDatabase(server.file, { migrate: false });
		const seenAfterApproval: [Who, string][] = [
			['anonymous', `/rooms/${id}`],
			['anonymous', `/en/rooms/${id}`],
			['anonymous', '/schedule?day=2026-06-07'],
			['anonymous', '/en/schedule?day=2026-06-07'],
			['anonymous', `/search?q=${encodeURIComponent('svg')}`],
			['anonymous', `/merchants/${world.shop.id}`],
			['anonymous', `/go/${id}`],
			['staff', '/staff/featured'],
		];
		const visit = async ([who, target]: [Who, string]) => {
			const response = await server.get(target, { headers: cookie(who) });
			const doc = parse(await response.text(), { comment: false });
			const shown = showsTitle(doc, [STORED.title, STORED.titleEn]);
			return [target, { status: response.status, shown, live: findLivePayloads(doc) }] as const;
		};
		const results: Record<string, unknown> = {};
		for (const page of seenBeforeApproval) {
			const [target, result] = await visit(page);
			results[target] = result;
		}
		try {
			approve.$client.prepare("UPDATE room SET review_status = 'approved' WHERE id = ?").run(id);
		} finally {
			approve.$client.close();
		}
		for (const page of seenAfterApproval) {
			const [target, result] = await visit(page);
			results[target] = result;
		}
		const api = await server.get(`/api/search?q=svg`);
		results['/api/search?q=svg'] = {
			status: api.status,
			shown: JSON.stringify(await api.clone().json()).includes('svg onload'),
			live: findMarkupInHighlights(await api.json()),
		};
		expect(results).toEqual(
			Object.fromEntries(
				[...seenBeforeApproval, ...seenAfterApproval, ['', '/api/search?q=svg']].map(
					([, target]) => [target, { status: 200, shown: true, live: [] }],
				),
			),
		);
	});
});
