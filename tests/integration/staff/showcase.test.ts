import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb, readFieldErrors, type FormFields } from '../merchant/client';
import { clientWith } from './session-client';

let server: RunningServer;
let w: ConsoleWorld;

beforeAll(async () => {
	server = await startServer({
		seed: (db) => {
			w = seedConsoleWorld(db);
		},
		now: CONSOLE_NOW,
	});
});
afterAll(() => server?.stop());

const form = (over: FormFields = {}): FormFields => ({
	title: '副市长直播推介增城荔枝',
	titleEn: 'Deputy mayor presents Zengcheng lychees',
	description: '官员带货，产地直发。',
	descriptionEn: '',
	start: '2026-06-08T19:00',
	end: '2026-06-08T20:30',
	districtId: String(w.world.district.id),
	categoryId: String(w.world.category.id),
	merchantId: String(w.shop.id),
	anchorName: '',
	hostName: ['王某', '', ''],
	hostTitle: ['副市长', '', ''],
	hostDistrict: ['none', 'none', 'none'],
	hostNameEn: ['Wang', '', ''],
	hostTitleEn: ['Deputy Mayor', '', ''],
	productName: ['增城挂绿荔枝 5 斤', ''],
	productPriceType: ['fixed', 'fixed'],
	productPrice: ['168', ''],
	productPrice2: ['', ''],
	...over,
});

const created = () =>
	queryDb<Record<string, unknown>>(
		server.file,
		"select * from room where kind = 'showcase' and title like '副市长%' order by id",
	);

describe('government showcase sessions', () => {
	it('a form with problems names each of them, keeps the input and creates nothing', async () => {
		const client = clientWith(server, w.tokens.staff);
		const response = await client.post(
			'/staff/showcase/new',
			'staff.saveShowcase',
			form({
				title: '',
				end: '2026-06-08T18:00',
				merchantId: '999999',
				hostName: ['', '', ''],
				hostTitle: ['', '', ''],
				hostNameEn: ['', '', ''],
				hostTitleEn: ['', '', ''],
				productPrice: ['abc', ''],
			}),
		);
		const html = await response.text();
		expect([response.status, readFieldErrors(html), created().length]).toEqual([
			400,
			{
				title: '请填写此项。',
				'host-name-0': '请至少填写一位主持官员的姓名和职务。',
				'product-price-0': '请输入以元为单位的金额，最多两位小数，例如 12.80。',
			},
			0,
		]);
		expect(readPage(html).attr('#f-titleEn', 'value')).toBe(
			'Deputy mayor presents Zengcheng lychees',
		);
	});

	it('bad references and times are refused field by field', async () => {
		const response = await clientWith(server, w.tokens.staff).post(
			'/staff/showcase/new',
			'staff.saveShowcase',
			form({ end: '2026-06-08T18:00', merchantId: String(w.pending.id) }),
		);
		expect([response.status, readFieldErrors(await response.text())]).toEqual([
			400,
			{
				merchantId: '没有找到这个已通过审核的商家，请输入商家名称或编号后从提示中选择。',
				end: '直播至少 30 分钟（结束时间须晚于开始时间）。',
			},
		]);
	});

	it('a created session is public at once: on /showcase, the home page and in search', async () => {
		const response = await clientWith(server, w.tokens.staff).post(
			'/staff/showcase/new',
			'staff.saveShowcase',
			form(),
		);
		const [row] = created();
		const hosts = queryDb(
			server.file,
			'select name, title, name_en, title_en, district_id from showcase_host where room_id = ?',
			row!.id,
		);
		const products = queryDb(
			server.file,
			'select name, price_type, price from room_product where room_id = ?',
			row!.id,
		);
		const showcasePage = readPage(await (await server.getFresh('/showcase')).text());
		const search = (await (
			await server.getFresh(`/api/search?q=${encodeURIComponent('荔枝 副市长')}`)
		).json()) as {
			hits: { id: number }[];
		};
		const home = readPage(await (await server.getFresh('/')).text());
		expect([response.status, response.headers.get('location')]).toEqual([
			303,
			'/staff/showcase?created=1',
		]);
		expect([
			row!.review_status,
			row!.merchant_id,
			new Date(Number(row!.start_at)).toISOString(),
			new Date(Number(row!.end_at)).toISOString(),
		]).toEqual(['approved', w.shop.id, '2026-06-08T11:00:00.000Z', '2026-06-08T12:30:00.000Z']);
		expect(hosts).toEqual([
			{
				name: '王某',
				title: '副市长',
				name_en: 'Wang',
				title_en: 'Deputy Mayor',
				district_id: null,
			},
		]);
		expect(products).toEqual([{ name: '增城挂绿荔枝 5 斤', price_type: 'fixed', price: 16800 }]);
		expect(showcasePage.texts('main h2').includes('副市长直播推介增城荔枝')).toBe(true);
		expect(search.hits.map((h) => h.id)).toContain(row!.id);
		expect(
			home.texts('section[aria-labelledby=showcase-heading] h3').includes('副市长直播推介增城荔枝'),
		).toBe(true);
		expect(
			queryDb<{ action: string }>(
				server.file,
				'select action from audit_event where entity_id = ?',
				row!.id,
			),
		).toEqual([{ action: 'showcase.create' }]);
	});

	it('editing changes the hosts and the title; the old title is no longer found', async () => {
		const [row] = created();
		const response = await clientWith(server, w.tokens.staff).post(
			`/staff/showcase/${row!.id}`,
			'staff.saveShowcase',
			form({
				roomId: String(row!.id),
				title: '副市长推介从化荔枝蜜',
				hostName: ['王某', '陈某', ''],
				hostTitle: ['副市长', '从化区区长', ''],
				hostDistrict: ['none', String(w.world.district.id), 'none'],
				hostNameEn: ['', '', ''],
				hostTitleEn: ['', '', ''],
				productName: ['从化荔枝蜜 500 克', ''],
			}),
		);
		await response.arrayBuffer();
		const hosts = queryDb(
			server.file,
			'select name, district_id from showcase_host where room_id = ? order by sort',
			row!.id,
		);
		const oldTitle = (await (
			await server.getFresh(`/api/search?q=${encodeURIComponent('增城')}`)
		).json()) as {
			hits: { id: number }[];
		};
		const audit = queryDb<{ action: string; before: string; after: string }>(
			server.file,
			"select action, before, after from audit_event where entity_id = ? and action = 'showcase.update'",
			row!.id,
		);
		expect([response.status, response.headers.get('location')]).toEqual([
			303,
			'/staff/showcase?saved=1',
		]);
		expect(hosts).toEqual([
			{ name: '王某', district_id: null },
			{ name: '陈某', district_id: w.world.district.id },
		]);
		expect(oldTitle.hits.map((h) => h.id)).not.toContain(row!.id);
		expect([
			audit.length,
			JSON.parse(audit[0]!.before).title,
			JSON.parse(audit[0]!.after).title,
		]).toEqual([1, '副市长直播推介增城荔枝', '副市长推介从化荔枝蜜']);
	});

	it('withdrawing takes it off every public page; a withdrawn session cannot be edited', async () => {
		const [row] = created();
		const seenAt = String(
			queryDb<{ u: number }>(server.file, 'select updated_at u from room where id = ?', row!.id)[0]!
				.u,
		);
		const client = clientWith(server, w.tokens.staff);
		const cancel = await client.post(`/staff/showcase/${row!.id}`, 'staff.cancelShowcase', {
			roomId: String(row!.id),
			seenAt,
		});
		await cancel.arrayBuffer();
		const publicPage = await server.getFresh(`/rooms/${row!.id}`);
		await publicPage.arrayBuffer();
		const edit = await client.post(
			`/staff/showcase/${row!.id}`,
			'staff.saveShowcase',
			form({ roomId: String(row!.id) }),
		);
		expect([cancel.status, cancel.headers.get('location'), publicPage.status, edit.status]).toEqual(
			[303, '/staff/showcase?cancelled=1', 404, 403],
		);
		expect(readPage(await edit.text()).text('[role=alert]')).toBe('已撤下的直播不能再修改。');
	});

	it('the list shows every session of the festival with its hosts and status', async () => {
		const page = readPage(
			await (await clientWith(server, w.tokens.staff).get('/staff/showcase')).text(),
		);
		expect([page.texts('.list h2'), page.texts('.list .badge')]).toEqual([
			['区长带你逛越秀', '副市长推介从化荔枝蜜'],
			['已通过', '已取消'],
		]);
	});

	it('the carrier is typed: a name is resolved, suggestions come from staff-only JSON', async () => {
		const staff = clientWith(server, w.tokens.staff);
		const response = await staff.post(
			'/staff/showcase/new',
			'staff.saveShowcase',
			form({ title: '承载商家按名称填写', merchantId: ' 荔枝小店 ' }),
		);
		const saved = queryDb<{ merchant_id: number }>(
			server.file,
			"select merchant_id from room where title = '承载商家按名称填写'",
		);
		const page = readPage(await (await staff.get('/staff/showcase/new')).text());
		const suggestions = await staff.get(
			`/staff/showcase/carriers.json?q=${encodeURIComponent('荔枝')}`,
		);
		const body = (await suggestions.json()) as { carriers: { id: number; label: string }[] };
		const answers = await Promise.all(
			[clientWith(server, null), clientWith(server, w.tokens.merchant)].map(
				async (c) => (await c.get('/staff/showcase/carriers.json?q=x')).status,
			),
		);
		const tooLong = (await staff.get(`/staff/showcase/carriers.json?q=${'x'.repeat(101)}`)).status;
		expect({
			redirected: response.status,
			saved: saved.map((r) => r.merchant_id),
			field: [
				page.attr('#f-merchantId', 'list'),
				page.texts('select[name="merchantId"] option').length,
			],
			suggestions: [suggestions.status, suggestions.headers.get('cache-control'), body.carriers],
			signedOutThenMerchant: answers,
			tooLong,
		}).toEqual({
			redirected: 303,
			saved: [w.shop.id],
			field: ['carrier-options', 0],
			suggestions: [
				200,
				'private, no-store',
				[{ id: w.shop.id, name: '荔枝小店', label: `荔枝小店 #${w.shop.id}` }],
			],
			signedOutThenMerchant: [403, 404],
			tooLong: 400,
		});
	});
});
