import { afterEach, describe, expect, it } from 'vitest';
import { createFestivalWorld, createUser, TEST_PASSWORD } from '../../support/factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { FormClient, queryDb } from './client';

const NOW = '2026-06-05T04:00:00Z';
let server: RunningServer | undefined;
afterEach(() => server?.stop());

async function start(): Promise<RunningServer> {
	server = await startServer({
		seed: (db) => {
			createFestivalWorld(db);
			createUser(db, { email: 'owner@example.com' });
		},
		now: NOW,
	});
	return server;
}

describe('log-in and sign-up rate limits', () => {
	it('after 5 wrong passwords for one account even the right one waits 15 minutes', async () => {
		const s = await start();
		const client = new FormClient(s);
		const statuses: number[] = [];
		for (let i = 0; i < 5; i += 1) {
			statuses.push(
				(
					await client.post('/merchant/login', 'auth.login', {
						email: 'owner@example.com',
						password: `wrong-password-${i}`,
					})
				).status,
			);
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
			page.text('.form-alert'),
			page.attr('#f-email', 'value'),
			readPage(await english.text()).text('.form-alert'),
			client.cookies.size,
		]).toEqual([
			[400, 400, 400, 400, 400],
			429,
			'尝试次数过多，请 15 分钟后再试。',
			'owner@example.com',
			'Too many attempts. Please try again in 15 minutes.',
			0,
		]);
	});

	it('30 failed log-ins from one address limit that address for every account', async () => {
		const s = await start();
		const client = new FormClient(s);
		for (let i = 0; i < 30; i += 1) {
			await client.post('/merchant/login', 'auth.login', {
				email: `guess${i}@example.com`,
				password: 'wrong-password',
			});
		}
		const response = await client.post('/merchant/login', 'auth.login', {
			email: 'owner@example.com',
			password: TEST_PASSWORD,
		});
		expect([response.status, readPage(await response.text()).text('.form-alert')]).toEqual([
			429,
			'尝试次数过多，请 15 分钟后再试。',
		]);
	});

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
