import { afterEach, describe, expect, it } from 'vitest';
import { createFestivalWorld, createUser, TEST_PASSWORD } from '../../support/factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { FormClient, queryDb } from './client';

/**
 * Integration: the attempt limits (src/lib/server/auth/limit-rules.ts) against the built server.
 * Each test starts its own server, so every test begins with empty counters.
 */
const NOW = '2026-06-05T04:00:00Z';
let server: RunningServer | undefined;
afterEach(() => server?.stop());

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
	server = await startServer({
		seed: (db) => {
			createFestivalWorld(db);
			createUser(db, { email: 'owner@example.com' });
		},
		now: NOW,
		env,
	});
	return server;
}

const logIn = (s: RunningServer, password: string, headers: Record<string, string> = {}) =>
	new FormClient(s).post(
		'/merchant/login',
		'auth.login',
		{ email: 'owner@example.com', password },
		{ headers },
	);

describe('log-in limits', () => {
	it('after 5 wrong passwords from one address, even the right one from there waits, and is told when', async () => {
		const s = await start();
		const client = new FormClient(s);
		const statuses: number[] = [];
		for (let i = 0; i < 5; i += 1) {
			const response = await client.post('/merchant/login', 'auth.login', {
				email: 'owner@example.com',
				password: `wrong-password-${i}`,
			});
			await response.arrayBuffer();
			statuses.push(response.status);
		}
		const limited = await client.post('/merchant/login', 'auth.login', {
			email: 'owner@example.com',
			password: TEST_PASSWORD,
		});
		const english = await client.post('/en/merchant/login', 'auth.login', {
			email: 'owner@example.com',
			password: TEST_PASSWORD,
		});
		const page = readPage(await limited.text());
		expect([
			statuses,
			limited.status,
			limited.headers.get('retry-after'),
			page.text('.form-alert'),
			page.attr('#f-email', 'value'),
			readPage(await english.text()).text('.form-alert'),
			client.cookies.size,
		]).toEqual([
			[400, 400, 400, 400, 400],
			429,
			'900',
			'尝试次数过多，请 15 分钟后再试。',
			'owner@example.com',
			'Too many attempts. Please try again in 15 minutes.',
			0,
		]);
	});

	it('20 wrong guesses sent at once let at most 5 be checked', async () => {
		const s = await start();
		const responses = await Promise.all(
			Array.from({ length: 20 }, (_, i) => logIn(s, `parallel-guess-${i}`)),
		);
		const statuses = await Promise.all(
			responses.map(async (r) => {
				await r.arrayBuffer();
				return r.status;
			}),
		);
		expect([
			statuses.filter((x) => x === 400).length,
			statuses.filter((x) => x === 429).length,
		]).toEqual([5, 15]);
	});

	it('a stranger’s wrong guesses do not lock the owner out: the right password from another address works', async () => {
		// The test's requests all come from 127.0.0.1: a trusted proxy says which client sent each.
		const s = await start({ TRUSTED_PROXIES: '127.0.0.1/32' });
		const stranger = { 'x-forwarded-for': '198.51.100.7' };
		const statuses: number[] = [];
		for (let i = 0; i < 6; i += 1) {
			const response = await logIn(s, `stranger-guess-${i}`, stranger);
			await response.arrayBuffer();
			statuses.push(response.status);
		}
		const owner = await logIn(s, TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.5' });
		await owner.arrayBuffer();
		expect([statuses, owner.status]).toEqual([[400, 400, 400, 400, 400, 429], 303]);
	});

	it('100 failed log-ins from one address an hour, for any accounts, then that address waits', async () => {
		const s = await start();
		const statuses = new Map<number, number>();
		for (let batch = 0; batch < 10; batch += 1) {
			const responses = await Promise.all(
				Array.from({ length: 10 }, (_, i) =>
					new FormClient(s).post('/merchant/login', 'auth.login', {
						email: `guess${batch * 10 + i}@example.com`,
						password: 'wrong-password',
					}),
				),
			);
			for (const r of responses) {
				await r.arrayBuffer();
				statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
			}
		}
		const response = await logIn(s, TEST_PASSWORD);
		expect([
			Object.fromEntries(statuses),
			response.status,
			response.headers.get('retry-after'),
			readPage(await response.text()).text('.form-alert'),
		]).toEqual([{ 400: 100 }, 429, '3600', '尝试次数过多，请 60 分钟后再试。']);
	});
});

describe('sign-up limits', () => {
	it('20 sign-ups from one address are allowed, the 21st waits an hour', async () => {
		const s = await start();
		const statuses: number[] = [];
		for (let i = 0; i < 21; i += 1) {
			const response = await new FormClient(s).post('/merchant/signup', 'auth.signup', {
				email: `shop${i}@example.com`,
				password: 'Lychee-Season-2026',
				confirm: 'Lychee-Season-2026',
			});
			statuses.push(response.status);
		}
		expect([
			statuses.filter((x) => x === 303).length,
			statuses.at(-1),
			queryDb<{ n: number }>(s.file, 'select count(*) n from user')[0]!.n,
		]).toEqual([20, 429, 21]);
	});
});
