import { generateHOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTotpKey, getTotpStep } from '../../../src/lib/server/auth/totp';
import { TEST_PASSWORD } from '../../support/factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import {
	CONSOLE_NOW,
	createSignedInUser,
	seedConsoleWorld,
	type ConsoleWorld,
} from '../../support/staff-factories';
import { TEST_SECRETS_KEY } from '../../support/two-factor';
import { FormClient, queryDb, readFieldErrors } from '../merchant/client';
import { clientWith, postActionDirectly } from './session-client';

/**
 * Integration: two-step sign-in for bureau accounts against the built server, with the clock
 * pinned (so each code's time step is known): an admin without an authenticator is sent to
 * enrol, enrols, signs in with a code, cannot use a code twice, recovers with a recovery code,
 * and another admin resets it — audited.
 */
let server: RunningServer;
let w: ConsoleWorld;
let newcomer: string;
/** An admin without an authenticator whose password was typed 20 minutes ago. */
let stale: string;
const NOW = new Date(CONSOLE_NOW);

beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		env: { SECRETS_KEY: TEST_SECRETS_KEY },
		seed: (db) => {
			w = seedConsoleWorld(db);
			newcomer = createSignedInUser(db, 'admin', NOW, {
				email: 'newcomer@bureau.gov.cn',
				twoFactor: false,
			}).token;
			stale = createSignedInUser(db, 'admin', NOW, {
				email: 'stale@bureau.gov.cn',
				twoFactor: false,
				minutesAgo: 20,
			}).token;
		},
	});
});
afterAll(() => server?.stop());

/** The code the newcomer's app shows `offset` steps from the pinned now. */
let key: Uint8Array | undefined;
const codeAt = (offset: number) => generateHOTP(key!, BigInt(getTotpStep(NOW) + offset), 6);
let recoveryCodes: string[] = [];

const signIn = async (client: FormClient) => {
	const response = await client.post('/staff-login', 'auth.login', {
		email: 'newcomer@bureau.gov.cn',
		password: TEST_PASSWORD,
	});
	await response.arrayBuffer();
	return response;
};
const giveCode = async (client: FormClient, code: string) => {
	const response = await client.post('/staff-login/code', 'twoFactor.verify', { code });
	return { status: response.status, errors: readFieldErrors(await response.text()) };
};

describe('an admin without an authenticator', () => {
	it('is sent to enrolment from every console page, and every console action is refused', async () => {
		const client = clientWith(server, newcomer);
		const home = await client.get('/staff');
		const accounts = await client.get('/en/staff/accounts');
		const action = await postActionDirectly(server, 'staff.decideRoom', newcomer, {
			roomId: String(w.submitted.id),
			decision: 'approve',
			seenStatus: 'submitted',
			seenAt: String(w.submitted.updatedAt.getTime()),
		});
		const refusal = (await action.json()) as { message?: string };
		const exported = await client.get('/staff/export/merchants.csv');
		await exported.arrayBuffer();
		const status = queryDb<{ review_status: string }>(
			server.file,
			'select review_status from room where id = ?',
			w.submitted.id,
		)[0]!.review_status;
		expect([
			home.status,
			home.headers.get('location'),
			accounts.headers.get('location'),
			action.status,
			refusal.message,
			status,
			exported.status,
		]).toEqual([
			302,
			'/staff/security?next=%2Fstaff',
			'/en/staff/security?next=%2Fen%2Fstaff%2Faccounts',
			403,
			'twoFactor.enrolFirst',
			'submitted',
			403,
		]);
	});

	it('enrols with the QR code’s key and a code, and is shown ten recovery codes once', async () => {
		const client = clientWith(server, newcomer);
		const page = readPage(await (await client.get('/staff/security?next=%2Fstaff')).text());
		const secret = page.text('[data-totp-secret]');
		key = parseTotpKey(secret);
		const qr = page.attr('[data-qr-url]', 'data-qr-url') ?? '';
		const wrong = await client.post('/staff/security', 'twoFactor.enrol', {
			key: secret,
			code: '000000',
		});
		const wrongPage = readPage(await wrong.text());
		const enrolled = await client.post(
			'/staff/security',
			'twoFactor.enrol',
			{ key: secret, code: codeAt(0) },
			{ query: { next: '/staff' } },
		);
		const done = readPage(await enrolled.text());
		recoveryCodes = done.texts('.recovery code');
		const home = await client.get('/staff');
		await home.arrayBuffer();
		expect([
			qr.startsWith('otpauth://totp/livefest:newcomer%40bureau.gov.cn?'),
			new URL(qr).searchParams.get('secret') === secret.replace(/ /g, ''),
			wrong.status,
			wrongPage.text('#f-code-error'),
			wrongPage.text('[data-totp-secret]') === secret,
			enrolled.status,
			recoveryCodes.length,
			done.attr('.codes a.button', 'href'),
			home.status,
		]).toEqual([true, true, 400, '验证码不正确、已过期或已经用过。', true, 200, 10, '/staff', 200]);
	});
});

describe('enrolment in a session whose password is old', () => {
	it('asks for the password again, so a stolen session cannot bind the account to another phone', async () => {
		const client = clientWith(server, stale);
		const page = readPage(await (await client.get('/staff/security')).text());
		const secret = page.text('[data-totp-secret]');
		const staleKey = parseTotpKey(secret)!;
		const code = generateHOTP(staleKey, BigInt(getTotpStep(NOW)), 6);
		const refused = await client.post('/staff/security', 'twoFactor.enrol', { key: secret, code });
		const refusedErrors = readFieldErrors(await refused.text());
		const accepted = await client.post('/staff/security', 'twoFactor.enrol', {
			key: secret,
			code,
			reentryPassword: TEST_PASSWORD,
		});
		await accepted.arrayBuffer();
		expect([
			page.doc.querySelector('#f-reentryPassword') !== null,
			refused.status,
			refusedErrors,
			accepted.status,
		]).toEqual([true, 400, { reentryPassword: '请输入你的密码以确认这项管理员操作。' }, 200]);
	});
});

describe('signing in with two steps', () => {
	it('the password alone opens nothing; a code does, once', async () => {
		const client = new FormClient(server);
		const login = await signIn(client);
		const before = await client.get('/staff');
		const codePage = await client.get('/staff-login/code');
		const wrong = await giveCode(client, '123456');
		// The enrolment used the current step: the same code again is refused, the next one works.
		const reused = await giveCode(client, codeAt(0));
		const right = await giveCode(client, codeAt(1));
		const after = await client.get('/staff');
		await after.arrayBuffer();
		const again = new FormClient(server);
		await signIn(again);
		const replayed = await giveCode(again, codeAt(1));
		expect([
			login.headers.get('location'),
			before.status,
			before.headers.get('location'),
			codePage.status,
			wrong,
			reused,
			right.status,
			after.status,
			replayed,
		]).toEqual([
			'/staff-login/code',
			302,
			'/staff-login/code?next=%2Fstaff',
			200,
			{ status: 400, errors: { code: '验证码不正确、已过期或已经用过。' } },
			{ status: 400, errors: { code: '验证码不正确、已过期或已经用过。' } },
			303,
			200,
			{ status: 400, errors: { code: '验证码不正确、已过期或已经用过。' } },
		]);
	});

	it('a recovery code signs in once, and its use is audited with the client address', async () => {
		const first = new FormClient(server);
		await signIn(first);
		const used = await giveCode(first, recoveryCodes[0]!.toLowerCase());
		const second = new FormClient(server);
		await signIn(second);
		const again = await giveCode(second, recoveryCodes[0]!);
		const audit = queryDb<{ action: string; client_address: string }>(
			server.file,
			"select action, client_address from audit_event where action like 'user.%' and actor_name = ? order by id",
			'newcomer@bureau.gov.cn',
		);
		expect([used.status, again.status, audit]).toEqual([
			303,
			400,
			[
				{ action: 'user.twoFactorEnrol', client_address: '127.0.0.1' },
				{ action: 'user.recoveryCodeUse', client_address: '127.0.0.1' },
			],
		]);
	});
});

describe('a reset by another admin', () => {
	it('removes the authenticator, signs the account out, is audited, and sends it back to enrol', async () => {
		const id = queryDb<{ id: number }>(
			server.file,
			"select id from user where email = 'newcomer@bureau.gov.cn'",
		)[0]!.id;
		const self = await clientWith(server, newcomer).post('/staff/accounts', 'staff.updateAccount', {
			userId: String(id),
			change: 'resetTwoFactor',
		});
		const selfAlert = readPage(await self.text()).text('.form-alert');
		const reset = await clientWith(server, w.tokens.admin).post(
			'/staff/accounts',
			'staff.updateAccount',
			{ userId: String(id), change: 'resetTwoFactor' },
		);
		await reset.arrayBuffer();
		const audit = queryDb<{ action: string; before: string; after: string }>(
			server.file,
			"select action, before, after from audit_event where action = 'staff.resetTwoFactor'",
		);
		const client = new FormClient(server);
		const login = await signIn(client);
		const home = await client.get('/staff');
		await home.arrayBuffer();
		expect([
			selfAlert,
			reset.status,
			reset.headers.get('location'),
			audit.map((a) => [a.action, JSON.parse(a.before), JSON.parse(a.after)]),
			queryDb(server.file, 'select * from user_totp where user_id = ?', id),
			queryDb(server.file, 'select * from user_recovery_code where user_id = ?', id),
			queryDb(server.file, 'select id from session where user_id = ?', id).length,
			login.headers.get('location'),
			home.headers.get('location'),
		]).toEqual([
			'不能在这里修改自己的账号。',
			303,
			'/staff/accounts?updated=resetTwoFactor',
			[
				[
					'staff.resetTwoFactor',
					{ role: 'admin', disabled: false, twoFactor: true },
					{ role: 'admin', disabled: false, twoFactor: false },
				],
			],
			[],
			[],
			1,
			'/staff-login',
			'/staff/security?next=%2Fstaff',
		]);
	});
});
