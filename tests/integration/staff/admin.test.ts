import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../support/factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import {
	CONSOLE_NOW,
	createSignedInUser,
	festivalSettingsForm,
	seedConsoleWorld,
	type ConsoleWorld,
} from '../../support/staff-factories';
import { FormClient, queryDb, readFieldErrors, type FormFields } from '../merchant/client';
import { clientWith } from './session-client';

let server: RunningServer;
let w: ConsoleWorld;
/** An admin whose password was last typed 20 minutes ago (the session is still alive). */
let staleAdmin: string;

beforeAll(async () => {
	server = await startServer({
		seed: (db) => {
			w = seedConsoleWorld(db);
			staleAdmin = createSignedInUser(db, 'admin', new Date(CONSOLE_NOW), {
				minutesAgo: 20,
				email: 'deputy@bureau.gov.cn',
			}).token;
		},
		now: CONSOLE_NOW,
	});
});
afterAll(() => server?.stop());

const settings = (over: FormFields = {}): FormFields => festivalSettingsForm(over);
const festivalRow = () =>
	queryDb<Record<string, unknown>>(server.file, 'select * from festival')[0]!;

describe('festival settings', () => {
	it('an unknown time zone, dates in the wrong order and a closed-before-open window are each named', async () => {
		const response = await clientWith(server, w.tokens.admin).post(
			'/staff/settings',
			'staff.saveFestival',
			settings({ timezone: 'Asia/Guangzhou', endDate: '2026-06-05' }),
		);
		const badWindow = await clientWith(server, w.tokens.admin).post(
			'/staff/settings',
			'staff.saveFestival',
			settings({ endDate: '2026-06-05', submissionCloses: '2026-04-01T00:00' }),
		);
		expect([response.status, readFieldErrors(await response.text())]).toEqual([
			400,
			{ timezone: '不认识这个时区。请填写 IANA 时区名，例如 Asia/Shanghai。' },
		]);
		expect([badWindow.status, readFieldErrors(await badWindow.text())]).toEqual([
			400,
			{
				endDate: '结束日期不能早于开始日期。',
				submissionCloses: '截止时间要晚于开始时间。',
			},
		]);
		expect(festivalRow().end_date).toBe('2026-06-08');
	});

	it('unpublishing hides every public page; publishing again shows them; both are audited', async () => {
		const admin = clientWith(server, w.tokens.admin);
		const hide = await admin.post(
			'/staff/settings',
			'staff.saveFestival',
			settings({ published: [] }),
		);
		await hide.arrayBuffer();
		const hiddenHome = readPage(await (await server.getFresh('/')).text());
		const hiddenRoom = await server.getFresh(`/rooms/${w.approved[0]!.id}`);
		await hiddenRoom.arrayBuffer();
		const show = await admin.post('/staff/settings', 'staff.saveFestival', settings());
		await show.arrayBuffer();
		const shownRoom = await server.getFresh(`/rooms/${w.approved[0]!.id}`);
		await shownRoom.arrayBuffer();
		const audit = queryDb<{ before: string; after: string }>(
			server.file,
			"select before, after from audit_event where action = 'festival.update' order by id",
		).map((e) => [JSON.parse(e.before).published, JSON.parse(e.after).published]);
		expect([
			hide.status,
			hide.headers.get('location'),
			hiddenHome.text('main h1'),
			hiddenRoom.status,
			show.status,
			shownRoom.status,
		]).toEqual([303, '/staff/settings?saved=1', '直播节尚未公布', 404, 303, 200]);
		expect(audit).toEqual([
			[true, false],
			[false, true],
		]);
	});

	it('a closed submission window stops merchants submitting, and tells them before they fill the form', async () => {
		const admin = clientWith(server, w.tokens.admin);
		const close = await admin.post(
			'/staff/settings',
			'staff.saveFestival',
			settings({ submissionCloses: '2026-06-07T11:00' }),
		);
		await close.arrayBuffer();
		const closesAt = new Date(Number(festivalRow().submission_closes_at)).toISOString();
		const merchant = clientWith(server, w.tokens.merchant);
		const newPage = readPage(await (await merchant.get('/merchant/rooms/new')).text());
		const submit = await merchant.post('/merchant/rooms/new', 'rooms.save', {
			title: '荔枝蜜现场开罐',
			anchorName: '陈师傅',
			start: '2026-06-08T19:30',
			end: '2026-06-08T21:00',
			productName: [''],
			productPriceType: ['fixed'],
			productPrice: [''],
			productPrice2: [''],
		});
		const page = readPage(await submit.text());
		const reopen = await admin.post('/staff/settings', 'staff.saveFestival', settings());
		await reopen.arrayBuffer();
		const closed = '直播节的直播间提交时间已截止（或尚未开始），现在不能提交或修改直播间。';
		expect([
			closesAt,
			newPage.texts('main .notice').includes(closed),
			submit.status,
			page.text('[role=alert]'),
			queryDb(server.file, "select id from room where title = '荔枝蜜现场开罐'"),
		]).toEqual(['2026-06-07T03:00:00.000Z', true, 403, closed, []]);
	});
});

describe('password re-entry for admin actions', () => {
	it('after 15 minutes an admin action asks for the password, refuses a wrong one and accepts the right one', async () => {
		const client = clientWith(server, staleAdmin);
		const pageBefore = readPage(await (await client.get('/staff/settings')).text());
		const missing = await client.post(
			'/staff/settings',
			'staff.saveFestival',
			settings({ nameEn: 'Renamed once' }),
		);
		const missingErrors = readFieldErrors(await missing.text());
		const wrong = await client.post(
			'/staff/settings',
			'staff.saveFestival',
			settings({ nameEn: 'Renamed once', reentryPassword: 'not-the-password' }),
		);
		const wrongErrors = readFieldErrors(await wrong.text());
		const right = await client.post(
			'/staff/settings',
			'staff.saveFestival',
			settings({ nameEn: 'Renamed once', reentryPassword: TEST_PASSWORD }),
		);
		await right.arrayBuffer();
		const again = await client.post(
			'/staff/settings',
			'staff.saveFestival',
			settings({ nameEn: 'Renamed twice' }),
		);
		await again.arrayBuffer();
		expect(pageBefore.attr('#f-reentryPassword', 'type')).toBe('password');
		expect([missing.status, missingErrors]).toEqual([
			400,
			{ reentryPassword: '请输入你的密码以确认这项管理员操作。' },
		]);
		expect([wrong.status, wrongErrors]).toEqual([400, { reentryPassword: '密码不正确。' }]);
		expect([right.status, again.status, festivalRow().name_en]).toEqual([
			303,
			303,
			'Renamed twice',
		]);
	});

	it('an admin who signed in minutes ago is not asked', async () => {
		const page = readPage(
			await (await clientWith(server, w.tokens.admin).get('/staff/settings')).text(),
		);
		expect(page.doc.querySelector('#f-reentryPassword')).toBeNull();
	});
});

describe('staff accounts', () => {
	it('an admin creates a staff account, who signs in at /staff-login and reaches the console', async () => {
		const admin = clientWith(server, w.tokens.admin);
		const created = await admin.post('/staff/accounts', 'staff.createAccount', {
			email: ' Newcomer@Bureau.gov.cn ',
			role: 'staff',
			password: 'Canton-Tower-600m',
		});
		await created.arrayBuffer();
		const duplicate = await admin.post('/staff/accounts', 'staff.createAccount', {
			email: 'newcomer@bureau.gov.cn',
			role: 'admin',
			password: 'Canton-Tower-600m',
		});
		const duplicateErrors = readFieldErrors(await duplicate.text());
		const newcomer = new FormClient(server);
		const login = await newcomer.post('/staff-login', 'auth.login', {
			email: 'newcomer@bureau.gov.cn',
			password: 'Canton-Tower-600m',
		});
		const landing = await newcomer.get(login.headers.get('location')!);
		const consoleHome = await newcomer.get(landing.headers.get('location')!);
		await consoleHome.arrayBuffer();
		const audit = queryDb<{ action: string; after: string }>(
			server.file,
			"select action, after from audit_event where action = 'staff.create'",
		);
		expect([created.status, created.headers.get('location')]).toEqual([
			303,
			'/staff/accounts?created=1',
		]);
		expect([duplicate.status, duplicateErrors]).toEqual([400, { email: '这个邮箱已有账号。' }]);
		expect([
			login.status,
			landing.status,
			landing.headers.get('location'),
			consoleHome.status,
		]).toEqual([303, 303, '/staff', 200]);
		expect(audit.map((a) => [a.action, JSON.parse(a.after)])).toEqual([
			['staff.create', { email: 'newcomer@bureau.gov.cn', role: 'staff' }],
		]);
		expect(JSON.stringify(audit)).not.toContain('Canton-Tower');
	});

	it('disabling signs the account out everywhere and stops it signing in; a reset brings it back', async () => {
		const admin = clientWith(server, w.tokens.admin);
		const id = queryDb<{ id: number }>(
			server.file,
			"select id from user where email = 'newcomer@bureau.gov.cn'",
		)[0]!.id;
		const disable = await admin.post('/staff/accounts', 'staff.updateAccount', {
			userId: String(id),
			change: 'disable',
		});
		await disable.arrayBuffer();
		const sessions = queryDb(server.file, 'select id from session where user_id = ?', id);
		const tryLogin = await new FormClient(server).post('/staff-login', 'auth.login', {
			email: 'newcomer@bureau.gov.cn',
			password: 'Canton-Tower-600m',
		});
		const loginErrors = readFieldErrors(await tryLogin.text());
		const reset = await admin.post('/staff/accounts', 'staff.updateAccount', {
			userId: String(id),
			change: 'resetPassword',
			password: 'Pearl-River-Night-2026',
		});
		await reset.arrayBuffer();
		const back = await new FormClient(server).post('/staff-login', 'auth.login', {
			email: 'newcomer@bureau.gov.cn',
			password: 'Pearl-River-Night-2026',
		});
		await back.arrayBuffer();
		expect([
			disable.status,
			sessions,
			tryLogin.status,
			loginErrors,
			reset.status,
			back.status,
		]).toEqual([303, [], 400, { password: '邮箱或密码不正确。' }, 303, 303]);
	});

	it('an admin cannot change their own account here, and staff cannot be made from merchant accounts', async () => {
		const admin = clientWith(server, w.tokens.admin);
		const selfId = queryDb<{ id: number }>(
			server.file,
			"select id from user where email = 'chief@bureau.gov.cn'",
		)[0]!.id;
		const merchantId = queryDb<{ id: number }>(
			server.file,
			"select id from user where email = 'shop@example.com'",
		)[0]!.id;
		const self = await admin.post('/staff/accounts', 'staff.updateAccount', {
			userId: String(selfId),
			change: 'makeStaff',
		});
		const selfText = readPage(await self.text()).text('[role=alert]');
		const merchant = await admin.post('/staff/accounts', 'staff.updateAccount', {
			userId: String(merchantId),
			change: 'makeAdmin',
		});
		await merchant.arrayBuffer();
		expect([self.status, selfText, merchant.status]).toEqual([
			403,
			'不能在这里修改自己的账号。',
			404,
		]);
		expect(
			queryDb(
				server.file,
				'select role from user where id in (?, ?) order by id',
				selfId,
				merchantId,
			),
		).toEqual([{ role: 'merchant' }, { role: 'admin' }]);
	});
});
