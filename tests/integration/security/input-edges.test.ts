import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { rawRequest } from '../../support/net';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb } from '../merchant/client';

/**
 * Integration: the edges of the built server an attacker pokes first (issue 14, item 4). Each
 * answers a 4xx — never a 500 — and expected bad input leaves no stack trace in the response or
 * in the server's log.
 */
let server: RunningServer;
let world: ConsoleWorld;

beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		seed: (db) => {
			world = seedConsoleWorld(db);
		},
	});
});
afterAll(() => server?.stop());

/** Sends bytes as they are and reads the status line of the answer. */
function sendRaw(request: string): Promise<string> {
	const { port, hostname } = new URL(server.origin);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname, () => socket.end(request));
		let answer = '';
		socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
		socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
		socket.on('error', reject);
	});
}

const post = (path: string, headers: Record<string, string> = {}) =>
	server.get(path, {
		method: 'POST',
		body: new URLSearchParams({ email: 'shop@example.com', password: 'x' }),
		headers: { origin: server.origin, ...headers },
	});

describe('action names', () => {
	it('prototype keys and members of an action are 4xx, with no stack trace anywhere', async () => {
		const paths = [
			'/?_action=__proto__',
			'/merchant/login?_action=auth',
			'/merchant/login?_action=auth.__proto__',
			'/merchant/login?_action=auth.login.call',
			'/merchant/login?_action=auth.login.constructor',
			'/merchant/login?_action=auth.constructor',
			'/merchant/login?_action=constructor.constructor',
			'/merchant/login?_action=toString',
			'/merchant/login?_action=auth.nosuch',
			'/merchant/login?_action=auth.login&_action=auth.signup',
			'/_actions/__proto__',
			'/_actions/auth.login.call',
			'/_actions/auth.__proto__',
			'/_actions/constructor.name',
			'/_actions/auth.nosuch',
		];
		const answers: [string, number, boolean][] = [];
		for (const path of paths) {
			const response = await post(path);
			const body = await response.text();
			answers.push([path, response.status, /\bat .+\(.+:\d+:\d+\)|TypeError|Error:/.test(body)]);
		}
		expect(answers.filter(([, status, trace]) => status < 400 || status >= 500 || trace)).toEqual(
			[],
		);
		expect(answers.map(([, status]) => status)).toEqual([
			400, 400, 400, 400, 400, 404, 404, 400, 404, 400, 400, 400, 400, 404, 404,
		]);
	});
});

describe('methods and headers', () => {
	it('TRACE and other unserved methods are 405 with Allow', async () => {
		const answers = await Promise.all(
			['TRACE', 'PUT', 'DELETE', 'PATCH'].map((method) =>
				rawRequest(`${server.origin}/`, { method }),
			),
		);
		const options = await rawRequest(`${server.origin}/schedule`, { method: 'OPTIONS' });
		expect([
			...answers.map((a) => [a.status, a.headers.allow]),
			[options.status, options.headers.allow],
		]).toEqual([
			[405, 'GET, HEAD, POST, OPTIONS'],
			[405, 'GET, HEAD, POST, OPTIONS'],
			[405, 'GET, HEAD, POST, OPTIONS'],
			[405, 'GET, HEAD, POST, OPTIONS'],
			[204, 'GET, HEAD, POST, OPTIONS'],
		]);
	});

	it('absurd headers are answered 4xx or served as if absent, never 500', async () => {
		const get = async (headers: Record<string, string>, path = '/schedule') => {
			const response = await rawRequest(`${server.origin}${path}`, { headers });
			return response.status;
		};
		const statuses = {
			'a 40 KB cookie': await get({ cookie: `${SESSION_COOKIE}=${'a'.repeat(40_000)}` }),
			'a malformed session cookie': await get({ cookie: `${SESSION_COOKIE}=%E0%A4%A;;==` }),
			'a forged session token': await get({
				cookie: `${SESSION_COOKIE}=${'a'.repeat(24)}.${'b'.repeat(32)}`,
			}),
			'a 10 KB Accept-Language': await get({ 'accept-language': 'zh;q=0.9,'.repeat(1000) }),
			'a Host of 300 letters': await get({ host: 'h'.repeat(300) }),
			'a Host with a port of letters': await get({ host: 'localhost:abc' }),
			'1,000 X-Forwarded-For entries': await get({
				'x-forwarded-for': Array.from({ length: 1000 }, (_, i) => `10.0.${i % 256}.1`).join(', '),
			}),
			'X-Forwarded-Host of another site': await get({ 'x-forwarded-host': 'evil.example' }),
			'an If-None-Match of 8 KB': await get({ 'if-none-match': `"${'x'.repeat(8000)}"` }),
			'Accept-Encoding nonsense': await get({ 'accept-encoding': 'br;q=abc, *;q=-1, gzip;q=9' }),
			'a private page with a forged cookie': await get(
				{ cookie: `${SESSION_COOKIE}=${world.tokens.staff}x` },
				'/staff',
			),
		};
		const raw = {
			'a negative Content-Length': await sendRaw(
				'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n',
			),
			'Content-Length and chunked together': await sendRaw(
				'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
			),
			'a NUL in a header': await sendRaw(
				'GET / HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0000b\r\n\r\n',
			),
		};
		expect(statuses).toEqual({
			'a 40 KB cookie': 431,
			'a malformed session cookie': 200,
			'a forged session token': 200,
			'a 10 KB Accept-Language': 200,
			'a Host of 300 letters': 200,
			'a Host with a port of letters': 200,
			'1,000 X-Forwarded-For entries': 200,
			'X-Forwarded-Host of another site': 200,
			'an If-None-Match of 8 KB': 200,
			'Accept-Encoding nonsense': 200,
			'a private page with a forged cookie': 403,
		});
		expect(raw).toEqual({
			'a negative Content-Length': 'HTTP/1.1 400 Bad Request',
			'Content-Length and chunked together': 'HTTP/1.1 400 Bad Request',
			'a NUL in a header': 'HTTP/1.1 400 Bad Request',
		});
	});
});

describe('the open counter', () => {
	it('counts at most 10 opens of a room from one address in 10 minutes, then says when to retry', async () => {
		const room = world.approved[1]!.id;
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < 12; i += 1) {
			const response = await server.get(`/api/rooms/${room}/open`, {
				method: 'POST',
				body: 'scheme',
				headers: { origin: server.origin, 'content-type': 'text/plain' },
			});
			statuses.push(response.status);
			retryAfter = response.headers.get('retry-after') ?? retryAfter;
		}
		const counted = queryDb<{ count: number }>(
			server.file,
			"select sum(count) count from deeplink_open where room_id = ? and channel = 'scheme'",
			room,
		)[0]!.count;
		expect([statuses, retryAfter, counted]).toEqual([
			[...Array(10).fill(204), 429, 429],
			'600',
			10,
		]);
	});
});

describe('the log', () => {
	it('holds no stack trace after all of the above', () => {
		expect(server.output().match(/^\s+at .+$/m)?.[0] ?? null).toBe(null);
	});
});
