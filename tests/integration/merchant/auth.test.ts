import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import type { UserRole } from '../../../src/lib/shared/user-role';
import {
	createFestivalWorld,
	createSessionFor,
	createUser,
	TEST_PASSWORD,
} from '../../support/factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { FormClient, queryDb, readFieldErrors } from './client';

const NOW = '2026-06-05T04:00:00Z';
const DAY = 24 * 60 * 60_000;
const now = new Date(NOW);
let server: RunningServer;
const seeded: Record<string, string> = {};
let owner: { id: number; email: string; role: UserRole };

function seed(db: Db): void {
	createFestivalWorld(db);
	owner = createUser(db, { email: 'owner@example.com' });
	const other = createUser(db, { email: 'other@example.com' });
	seeded.expired = createSessionFor(db, owner, { createdAt: new Date(now.getTime() - 8 * DAY) });
	seeded.old = createSessionFor(db, owner, { createdAt: new Date(now.getTime() - 5 * DAY) });
	seeded.phone = createSessionFor(db, owner, {
		createdAt: new Date(now.getTime() - DAY),
		userAgent: 'Phone',
	});
	seeded.laptop = createSessionFor(db, owner, {
		createdAt: new Date(now.getTime() - DAY),
		userAgent: 'Laptop',
	});
	seeded.others = createSessionFor(db, other, { createdAt: new Date(now.getTime() - DAY) });
}

beforeAll(async () => {
	server = await startServer({ seed, now: NOW });
});
afterAll(() => server?.stop());

const countUsers = () => queryDb<{ n: number }>(server.file, 'select count(*) n from user')[0]!.n;

describe('sign up', () => {
	it('signup with bad input answers 400 with each error next to its field and creates no account', async () => {
		const client = new FormClient(server);
		const cases = [
			{ email: '', password: '', confirm: '' },
			{ email: 'not-an-email', password: 'short', confirm: 'short' },
			{ email: 'new@example.com', password: 'Password123!', confirm: 'Password123!' },
			{ email: 'new@example.com', password: 'Lychee-Season-2026', confirm: 'Lychee-Season-2025' },
			{ email: 'newshop@example.com', password: 'newshop-is-great', confirm: 'newshop-is-great' },
			{
				email: 'OWNER@example.com ',
				password: 'Lychee-Season-2026',
				confirm: 'Lychee-Season-2026',
			},
		];
		const results = [];
		for (const fields of cases) {
			const response = await client.post('/merchant/signup', 'auth.signup', fields);
			results.push([response.status, readFieldErrors(await response.text())]);
		}
		expect(results).toEqual([
			[400, { email: '请填写此项。', password: '请填写此项。', confirm: '请填写此项。' }],
			[
				400,
				{
					email: '请输入有效的电子邮箱地址，例如 name@example.com。',
					password: '密码至少需要 10 个字符。',
				},
			],
			[400, { password: '这个密码太常见，很容易被猜到。请换一个。' }],
			[400, { confirm: '两次输入的密码不一致。' }],
			[400, { password: '密码不能包含邮箱名。' }],
			[400, { email: '该邮箱已注册。请直接登录。' }],
		]);
		expect(countUsers()).toBe(2);
	});

	it('signup keeps the typed email but never echoes a password', async () => {
		const response = await new FormClient(server).post('/merchant/signup', 'auth.signup', {
			email: 'keep@example.com',
			password: 'Password123!',
			confirm: 'Password123!',
		});
		const page = readPage(await response.text());
		expect([
			page.attr('#f-email', 'value'),
			page.attr('#f-password', 'value'),
			page.attr('#f-email', 'aria-invalid'),
			page.attr('#f-password', 'aria-invalid'),
			page.attr('#f-password', 'aria-describedby'),
		]).toEqual([
			'keep@example.com',
			undefined,
			undefined,
			'true',
			'f-password-hint f-password-error',
		]);
	});

	it('signup in English shows English errors', async () => {
		const response = await new FormClient(server).post('/en/merchant/signup', 'auth.signup', {
			email: 'x',
			password: 'x',
			confirm: 'y',
		});
		expect(readFieldErrors(await response.text())).toEqual({
			email: 'Enter a valid email address, such as name@example.com.',
			password: 'The password needs at least 10 characters.',
			confirm: 'The two passwords do not match.',
		});
	});

	it('signup with good input creates the account, signs in with a safe cookie and goes to registration', async () => {
		const client = new FormClient(server);
		const response = await client.post('/merchant/signup', 'auth.signup', {
			email: '  NewShop@Example.COM',
			password: 'Lychee-Season-2026',
			confirm: 'Lychee-Season-2026',
		});
		const cookie = client.lastSetCookie.find((c) => c.startsWith('livefest_session='))!;
		expect([response.status, response.headers.get('location')]).toEqual([
			303,
			'/merchant/register',
		]);
		expect(cookie.replace(/^livefest_session=[^;]+/, 'livefest_session=TOKEN')).toBe(
			'livefest_session=TOKEN; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax',
		);
		expect(
			queryDb(server.file, "select email, role from user where email like 'newshop%'"),
		).toEqual([{ email: 'newshop@example.com', role: 'merchant' }]);
		const dashboard = await client.get('/merchant');
		expect([dashboard.status, readPage(await dashboard.text()).text('.account')]).toEqual([
			200,
			'newshop@example.com',
		]);
	});

	it('a form posted from another site is refused', async () => {
		const response = await new FormClient(server).post(
			'/merchant/signup',
			'auth.signup',
			{ email: 'csrf@example.com', password: 'Lychee-Season-2026', confirm: 'Lychee-Season-2026' },
			{ origin: 'https://evil.example' },
		);
		expect([response.status, countUsers()]).toEqual([403, 3]);
	});
});

describe('log in and out', () => {
	it('login with a wrong password or an unknown email gives the same answer', async () => {
		const client = new FormClient(server);
		const wrong = await client.post('/merchant/login', 'auth.login', {
			email: 'owner@example.com',
			password: 'Wrong-password-1',
		});
		const unknown = await client.post('/merchant/login', 'auth.login', {
			email: 'nobody@example.com',
			password: 'Wrong-password-1',
		});
		expect([
			wrong.status,
			readFieldErrors(await wrong.text()),
			unknown.status,
			readFieldErrors(await unknown.text()),
			client.cookies.size,
		]).toEqual([
			400,
			{ password: '邮箱或密码不正确。' },
			400,
			{ password: '邮箱或密码不正确。' },
			0,
		]);
	});

	it('login goes back to a merchant page named in next, and never off the site', async () => {
		const client = new FormClient(server);
		const back = await client.post(
			'/merchant/login',
			'auth.login',
			{ email: 'Owner@Example.com', password: TEST_PASSWORD },
			{ query: { next: '/merchant/rooms' } },
		);
		const offsite = await new FormClient(server).post(
			'/merchant/login',
			'auth.login',
			{ email: 'owner@example.com', password: TEST_PASSWORD },
			{ query: { next: '//evil.example/merchant' } },
		);
		expect([back.status, back.headers.get('location'), offsite.headers.get('location')]).toEqual([
			303,
			'/merchant/rooms',
			'/merchant',
		]);
	});

	it('a signed-out visitor to a merchant page is sent to log in and back', async () => {
		const response = await new FormClient(server).get('/en/merchant/rooms');
		expect([response.status, response.headers.get('location')]).toEqual([
			303,
			'/en/merchant/login?next=%2Fen%2Fmerchant%2Frooms',
		]);
	});

	it('logout ends the session on the server, not only in the browser', async () => {
		const client = new FormClient(server);
		await client.post('/merchant/login', 'auth.login', {
			email: 'owner@example.com',
			password: TEST_PASSWORD,
		});
		const token = client.cookies.get('livefest_session')!;
		const response = await client.post('/merchant/login', 'auth.logout', {});
		const replay = new FormClient(server);
		replay.cookies.set('livefest_session', token);
		const after = await replay.get('/merchant');
		expect([
			response.status,
			response.headers.get('location'),
			client.cookies.has('livefest_session'),
			after.status,
			after.headers.get('location'),
		]).toEqual([
			303,
			'/merchant/login?signedOut=1',
			false,
			303,
			'/merchant/login?next=%2Fmerchant',
		]);
	});
});

describe('sessions', () => {
	it('an expired session signs out, clears the cookie and is deleted', async () => {
		const client = new FormClient(server);
		client.cookies.set('livefest_session', seeded.expired!);
		const response = await client.get('/merchant');
		const id = seeded.expired!.split('.')[0];
		expect([
			response.status,
			client.lastSetCookie.some((c) =>
				/^livefest_session=deleted; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/.test(
					c,
				),
			),
			queryDb(server.file, 'select id from session where id = ?', id),
		]).toEqual([303, true, []]);
	});

	it('a session used after half its idle window slides, with the new expiry in the cookie', async () => {
		const client = new FormClient(server);
		client.cookies.set('livefest_session', seeded.old!);
		const response = await client.get('/merchant');
		expect([
			response.status,
			response.headers.get('cache-control'),
			client.lastSetCookie.map((c) => /Max-Age=(\d+)/.exec(c)?.[1]),
		]).toEqual([200, 'private, no-store', ['604800']]);
	});

	it('a forged token with a real session id is refused', async () => {
		const client = new FormClient(server);
		const [id] = seeded.laptop!.split('.');
		client.cookies.set('livefest_session', `${id}.${'a'.repeat(32)}`);
		expect((await client.get('/merchant')).status).toBe(303);
	});

	it('revoking another device ends it; another account’s session id is not found and survives', async () => {
		const client = new FormClient(server);
		client.cookies.set('livefest_session', seeded.phone!);
		const account = readPage(await (await client.get('/merchant/account')).text());
		const listed = account.texts('.sessions strong');
		const laptopId = seeded.laptop!.split('.')[0]!;
		const revoke = await client.post('/merchant/account', 'auth.revokeSession', {
			sessionId: laptopId,
		});
		const foreign = await client.post('/merchant/account', 'auth.revokeSession', {
			sessionId: seeded.others!.split('.')[0]!,
		});
		const laptop = new FormClient(server);
		laptop.cookies.set('livefest_session', seeded.laptop!);
		const others = new FormClient(server);
		others.cookies.set('livefest_session', seeded.others!);
		expect([
			listed.includes('Phone') && listed.includes('Laptop'),
			revoke.status,
			revoke.headers.get('location'),
			foreign.status,
			readPage(await foreign.text()).text('.form-alert'),
			(await laptop.get('/merchant')).status,
			(await others.get('/merchant')).status,
		]).toEqual([
			true,
			303,
			'/merchant/account?revoked=1',
			404,
			'没有找到这条记录，可能已被删除。',
			303,
			200,
		]);
	});

	it('changing the password needs the current one, then ends every other session', async () => {
		const client = new FormClient(server);
		await client.post('/merchant/login', 'auth.login', {
			email: 'other@example.com',
			password: TEST_PASSWORD,
		});
		const wrong = await client.post('/merchant/account', 'auth.changePassword', {
			current: 'nope-nope-nope',
			next: 'Banyan-Tree-4411',
			confirm: 'Banyan-Tree-4411',
		});
		const changed = await client.post('/merchant/account', 'auth.changePassword', {
			current: TEST_PASSWORD,
			next: 'Banyan-Tree-4411',
			confirm: 'Banyan-Tree-4411',
		});
		const elsewhere = new FormClient(server);
		elsewhere.cookies.set('livefest_session', seeded.others!);
		const oldLogin = await new FormClient(server).post('/merchant/login', 'auth.login', {
			email: 'other@example.com',
			password: TEST_PASSWORD,
		});
		const newLogin = await new FormClient(server).post('/merchant/login', 'auth.login', {
			email: 'other@example.com',
			password: 'Banyan-Tree-4411',
		});
		expect([
			wrong.status,
			readFieldErrors(await wrong.text()),
			changed.status,
			changed.headers.get('location'),
			(await client.get('/merchant')).status,
			(await elsewhere.get('/merchant')).status,
			oldLogin.status,
			newLogin.status,
		]).toEqual([
			400,
			{ current: '当前密码不正确。' },
			303,
			'/merchant/account?changed=1',
			200,
			303,
			400,
			303,
		]);
	});

	it('log out everywhere ends every session of the account', async () => {
		const a = new FormClient(server);
		const b = new FormClient(server);
		await a.post('/merchant/login', 'auth.login', {
			email: 'owner@example.com',
			password: TEST_PASSWORD,
		});
		await b.post('/merchant/login', 'auth.login', {
			email: 'owner@example.com',
			password: TEST_PASSWORD,
		});
		const response = await a.post('/merchant/account', 'auth.logoutEverywhere', {});
		expect([
			response.headers.get('location'),
			(await a.get('/merchant')).status,
			(await b.get('/merchant')).status,
			queryDb(server.file, 'select id from session where user_id = ?', owner.id),
		]).toEqual(['/merchant/login?signedOut=1', 303, 303, []]);
	});
});
