import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import { computeCreditCodeCheckChar } from '../../../src/lib/shared/credit-code';
import {
	createCategory,
	createDistrict,
	createFestivalWorld,
	createMerchant,
	createUser,
	TEST_PASSWORD,
} from '../../support/factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { FormClient, queryDb, readFieldErrors } from './client';

const NOW = '2026-06-05T04:00:00Z';
const code = (body: string) => body + computeCreditCodeCheckChar(body);
const GOOD_CODE = code('91440101MA59ABCD1');
let server: RunningServer;
const ids: Record<string, number> = {};

function seed(db: Db): void {
	const w = createFestivalWorld(db);
	const elsewhere = createDistrict(db, { city: 'othercity' });
	const second = createCategory(db);
	ids.district = w.district.id;
	ids.category = w.category.id;
	ids.category2 = second.id;
	ids.elsewhere = elsewhere.id;
	createUser(db, { email: 'new@example.com' });
	for (const [email, status] of [
		['rejected@example.com', 'rejected'],
		['approved@example.com', 'approved'],
		['suspended@example.com', 'suspended'],
	] as const) {
		const u = createUser(db, { email });
		const m = createMerchant(db, {
			ownerUserId: u.id,
			districtId: w.district.id,
			categoryId: w.category.id,
			status,
			reviewNote: status === 'rejected' ? '营业执照名称与企业名称不一致' : null,
			creditCode: code(`9144010100000000${Object.keys(ids).length}`),
			appId: 'wx0123456789abcdef',
		});
		ids[status] = m.id;
	}
	createMerchant(db, {
		districtId: w.district.id,
		categoryId: w.category.id,
		creditCode: code('91440101MA59TAKEN'),
	});
}

beforeAll(async () => {
	server = await startServer({ seed, now: NOW });
});
afterAll(() => server?.stop());

async function signedIn(email: string): Promise<FormClient> {
	const client = new FormClient(server);
	await client.post('/merchant/login', 'auth.login', { email, password: TEST_PASSWORD });
	return client;
}

const goodFields = () => ({
	legalName: '广州荔枝贸易有限公司',
	nameZh: '荔枝小店',
	nameEn: 'Lychee Shop',
	creditCode: GOOD_CODE.toLowerCase().replace(/(.{6})/g, '$1 '),
	districtId: String(ids.district),
	categoryId: String(ids.category),
	contactName: '陈先生',
	contactMobile: '+86 138-0013-8000',
	appId: 'WX0123456789ABCDEF',
	roomPagePath: 'pages/live/room',
	urlLink: '',
});
const merchantCount = () =>
	queryDb<{ n: number }>(server.file, 'select count(*) n from merchant')[0]!.n;

describe('business registration', () => {
	it('every bad field gets its own message and nothing is saved', async () => {
		const client = await signedIn('new@example.com');
		const response = await client.post('/merchant/register', 'business.save', {
			legalName: '',
			nameZh: '荔'.repeat(41),
			creditCode: GOOD_CODE.slice(0, 17) + (GOOD_CODE.endsWith('0') ? '1' : '0'),
			districtId: String(ids.elsewhere),
			categoryId: 'abc',
			contactName: '陈先生',
			contactMobile: '020-8888-9999',
			appId: 'wx123',
			roomPagePath: '/pages/live/room',
			urlLink: 'https://evil.example/abc123',
		});
		const html = await response.text();
		expect([response.status, readFieldErrors(html)]).toEqual([
			400,
			{
				legalName: '请填写此项。',
				nameZh: '内容太长了。',
				creditCode: '统一社会信用代码的校验位不对，请核对是否有输错的字符。',
				categoryId: '请填写此项。',
				contactMobile: '请输入中国大陆 11 位手机号，例如 13800138000。',
				appId: 'AppID 看起来不对：通常是 wx 加 16 位小写十六进制字符（0–9、a–f）。',
				roomPagePath: '页面路径开头不要加 /，例如 pages/live/room。',
				urlLink: 'URL Link 应形如 https://wxaurl.cn/xxxxxx。',
			},
		]);
		expect([readPage(html).attr('#f-contactName', 'value'), merchantCount()]).toEqual([
			'陈先生',
			5,
		]);
	});

	it('a district of another city, a code with I or a page path with a query are refused', async () => {
		const client = await signedIn('new@example.com');
		const response = await client.post('/merchant/register', 'business.save', {
			...goodFields(),
			districtId: String(ids.elsewhere),
		});
		const second = await client.post('/merchant/register', 'business.save', {
			...goodFields(),
			creditCode: 'I1440101MA59ABCD1X',
			roomPagePath: 'pages/live/room?id=1',
		});
		expect([
			readFieldErrors(await response.text()),
			readFieldErrors(await second.text()),
			merchantCount(),
		]).toEqual([
			{ districtId: '请从列表中选择。' },
			{
				creditCode: '统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）。',
				roomPagePath: '页面路径不要带 ? 和参数，直播节会自动附加 room_id。',
			},
			5,
		]);
	});

	it('a code already registered by another business is refused', async () => {
		const client = await signedIn('new@example.com');
		const response = await client.post('/merchant/register', 'business.save', {
			...goodFields(),
			creditCode: code('91440101MA59TAKEN'),
		});
		expect([response.status, readFieldErrors(await response.text())]).toEqual([
			400,
			{ creditCode: '该统一社会信用代码已被登记。如有疑问请联系主办方。' },
		]);
	});

	it('a good registration is saved normalised, pending review, owned by the account', async () => {
		const client = await signedIn('new@example.com');
		const response = await client.post('/merchant/register', 'business.save', goodFields());
		const page = readPage(await (await client.get('/merchant/register?saved=pending')).text());
		expect([
			response.status,
			response.headers.get('location'),
			page.text('[role=status]'),
			page.text('.badge'),
		]).toEqual([303, '/merchant/register?saved=pending', '企业信息已提交，等待审核。', '审核中']);
		expect(
			queryDb(
				server.file,
				"select m.credit_code, m.contact_mobile, m.app_id, m.status, u.email from merchant m join user u on u.id = m.owner_user_id where m.name_zh = '荔枝小店'",
			),
		).toEqual([
			{
				credit_code: GOOD_CODE,
				contact_mobile: '13800138000',
				app_id: 'wx0123456789abcdef',
				status: 'pending',
				email: 'new@example.com',
			},
		]);
		expect(readPage(await (await client.get('/merchant')).text()).text('.account')).toBe(
			'荔枝小店',
		);
	});

	it('a rejected business sees the reason, and an edit resubmits it', async () => {
		const client = await signedIn('rejected@example.com');
		const before = readPage(await (await client.get('/merchant/register')).text());
		const response = await client.post('/merchant/register', 'business.save', {
			...goodFields(),
			creditCode: code('91440101MA59REJEC'),
		});
		expect([
			before.text('.status .notice'),
			response.status,
			queryDb(server.file, 'select status, review_note from merchant where id = ?', ids.rejected),
		]).toEqual([
			'审核意见：营业执照名称与企业名称不一致',
			303,
			[{ status: 'pending', review_note: null }],
		]);
	});

	it('an approved business keeps approval for a new contact and goes back to review for a new AppID', async () => {
		const client = await signedIn('approved@example.com');
		const stored = queryDb<Record<string, string | number>>(
			server.file,
			'select * from merchant where id = ?',
			ids.approved,
		)[0]!;
		const same = {
			legalName: String(stored.legal_name),
			nameZh: String(stored.name_zh),
			nameEn: String(stored.name_en),
			creditCode: String(stored.credit_code),
			districtId: String(stored.district_id),
			categoryId: String(stored.category_id),
			contactName: '新联系人',
			contactMobile: '13900139000',
			appId: String(stored.app_id),
			roomPagePath: String(stored.room_page_path),
		};
		const publicPage = `/merchants/${ids.approved}`;
		await server.get(publicPage); // now kept by the serving layer's cache
		const cachedBefore = await server.get(publicPage);
		const contact = await client.post('/merchant/register', 'business.save', same);
		const statusAfterContact = queryDb(
			server.file,
			'select status from merchant where id = ?',
			ids.approved,
		);
		const appId = await client.post('/merchant/register', 'business.save', {
			...same,
			appId: 'wxfedcba9876543210',
		});
		const publicAfter = await server.getFresh(publicPage);
		expect([
			contact.headers.get('location'),
			statusAfterContact,
			appId.headers.get('location'),
			queryDb(server.file, 'select status from merchant where id = ?', ids.approved),
			[cachedBefore.status, cachedBefore.headers.get('x-cache')],
			publicAfter.status, // back in review: off the public pages at once
		]).toEqual([
			'/merchant/register?saved=approved',
			[{ status: 'approved' }],
			'/merchant/register?saved=pending',
			[{ status: 'pending' }],
			[200, 'HIT'],
			404,
		]);
	});

	it('a suspended business cannot change its registration', async () => {
		const client = await signedIn('suspended@example.com');
		const response = await client.post('/merchant/register', 'business.save', {
			...goodFields(),
			creditCode: code('91440101MA59HALT0'),
		});
		expect([
			response.status,
			readPage(await response.text()).text('.form-alert'),
			queryDb(server.file, 'select status, name_zh from merchant where id = ?', ids.suspended),
		]).toEqual([
			403,
			'商家资格已暂停，暂时不能修改企业信息。',
			[{ status: 'suspended', name_zh: expect.stringMatching(/^测试商家/) }],
		]);
	});

	it('a signed-out post changes nothing and is sent to log in', async () => {
		const before = merchantCount();
		const response = await new FormClient(server).post('/merchant/register', 'business.save', {
			...goodFields(),
			creditCode: code('91440101MA59GH0TT'),
		});
		expect([response.status, response.headers.get('location'), merchantCount()]).toEqual([
			303,
			'/merchant/login?next=%2Fmerchant%2Fregister',
			before,
		]);
	});
});
