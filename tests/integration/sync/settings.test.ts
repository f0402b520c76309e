import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import {
	createFestivalWorld,
	createMerchant,
	createSessionFor,
	createUser,
	TEST_PASSWORD,
} from '../../support/factories';
import { startServer, type RunningServer } from '../../support/server';
import { FormClient, queryDb } from '../merchant/client';

/** The merchant's sync settings page and the staff status page, on a server without SECRETS_KEY. */
let server: RunningServer;
let staffCookie = '';
const NOW = '2026-06-01T00:00:00Z';

function seed(db: Db): void {
	const world = createFestivalWorld(db);
	const owner = createUser(db, { email: 'sync-owner@example.com' });
	createMerchant(db, {
		ownerUserId: owner.id,
		districtId: world.district.id,
		categoryId: world.category.id,
		nameZh: '同步测试商家',
	});
	const staff = createUser(db, { email: 'reviewer@bureau.example', role: 'staff' });
	staffCookie = `livefest_session=${createSessionFor(db, staff, { createdAt: new Date(NOW) })}`;
}

beforeAll(async () => {
	server = await startServer({ seed, now: NOW });
});
afterAll(() => server?.stop());

async function signedIn(): Promise<FormClient> {
	const client = new FormClient(server);
	await client.post('/merchant/login', 'auth.login', {
		email: 'sync-owner@example.com',
		password: TEST_PASSWORD,
	});
	return client;
}
const sources = () =>
	queryDb<{ kind: string; feed_url: string | null; app_secret_enc: string | null }>(
		server.file,
		'select kind, feed_url, app_secret_enc from merchant_room_source',
	);

describe('/merchant/sync', () => {
	it('an AppSecret is refused, and nothing stored, when no SECRETS_KEY is configured', async () => {
		const client = await signedIn();
		const response = await client.post('/en/merchant/sync', 'sync.save', {
			kind: 'credentials',
			appSecret: 'abcdef0123456789abcdef0123456789',
		});
		const html = await response.text();
		expect([
			html.includes('The server has no encryption key (SECRETS_KEY)'),
			html.includes('abcdef0123456789'),
			sources(),
		]).toEqual([true, false, []]);
	});

	it('a plain-http feed URL is refused next to its field', async () => {
		const client = await signedIn();
		const html = await (
			await client.post('/en/merchant/sync', 'sync.save', {
				kind: 'feed',
				feedUrl: 'http://shop.example/live.json',
			})
		).text();
		expect([html.includes('The address must start with https://.'), sources()]).toEqual([true, []]);
	});

	it('an https feed URL is saved and the status is shown to the merchant and to staff', async () => {
		const client = await signedIn();
		const saved = await client.post('/en/merchant/sync', 'sync.save', {
			kind: 'feed',
			feedUrl: 'https://shop.example/live.json',
		});
		const page = await (await client.get('/en/merchant/sync?saved=1')).text();
		const staffPage = await (
			await server.get('/en/staff/sync', { headers: { cookie: staffCookie } })
		).text();
		expect([
			saved.status,
			sources(),
			page.includes('Not synced yet'),
			staffPage.includes('同步测试商家'),
			staffPage.includes('https://shop.example/live.json'),
		]).toEqual([
			303,
			[{ kind: 'feed', feed_url: 'https://shop.example/live.json', app_secret_enc: null }],
			true,
			true,
			true,
		]);
	});

	it('signed out, the staff status page is not shown', async () => {
		expect((await server.get('/en/staff/sync')).status).toBe(403);
	});
});
