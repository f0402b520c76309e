import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import {
	createFestivalWorld,
	createMerchant,
	createProduct,
	createRoom,
	createUser,
	TEST_PASSWORD,
} from '../../support/factories';
import { readPage } from '../../support/html';
import { GPS_MARKER, makePhoto } from '../../support/images';
import { startServer, type RunningServer } from '../../support/server';
import { FormClient, queryDb, readFieldErrors, type FormFields } from './client';

const NOW = '2026-06-05T04:00:00Z';
const shanghai = (local: string) => new Date(`${local}+08:00`);
const PNG_HEADER = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
let server: RunningServer;
const ids: Record<string, number> = {};

function seed(db: Db): void {
	const w = createFestivalWorld(db);
	const base = { festivalId: w.festival.id, districtId: w.district.id, categoryId: w.category.id };
	const business = (email: string, status: 'pending' | 'approved' | 'rejected' | 'suspended') => {
		const u = createUser(db, { email });
		return createMerchant(db, {
			ownerUserId: u.id,
			districtId: w.district.id,
			categoryId: w.category.id,
			status,
		});
	};
	const a = business('a@example.com', 'approved');
	const b = business('b@example.com', 'approved');
	business('rejected@example.com', 'rejected');
	const suspended = business('suspended@example.com', 'suspended');
	createUser(db, { email: 'nobusiness@example.com' });
	const approvedRoom = createRoom(db, {
		...base,
		merchantId: a.id,
		title: '荔枝节女装专场',
		anchorName: '小美',
		wxRoomId: 77,
		startAt: shanghai('2026-06-07T19:30'),
		endAt: shanghai('2026-06-07T21:00'),
	});
	createProduct(db, {
		roomId: approvedRoom.id,
		name: '真丝连衣裙',
		priceType: 'fixed',
		price: 12800,
	});
	ids.approvedRoom = approvedRoom.id;
	ids.cancelMe = createRoom(db, {
		...base,
		merchantId: a.id,
		reviewStatus: 'submitted',
		startAt: shanghai('2026-06-06T10:00'),
	}).id;
	ids.showcase = createRoom(db, {
		...base,
		merchantId: a.id,
		kind: 'showcase',
		startAt: shanghai('2026-06-06T12:00'),
	}).id;
	ids.otherRoom = createRoom(db, {
		...base,
		merchantId: b.id,
		title: '别家的直播间',
		startAt: shanghai('2026-06-06T15:00'),
	}).id;
	ids.suspendedRoom = createRoom(db, {
		...base,
		merchantId: suspended.id,
		startAt: shanghai('2026-06-06T16:00'),
	}).id;
	ids.a = a.id;
}

const UPLOADS = mkdtempSync(path.join(os.tmpdir(), 'livefest-uploads-'));
beforeAll(async () => {
	server = await startServer({
		seed,
		now: NOW,
		env: { UPLOAD_DIR: UPLOADS },
	});
});
afterAll(async () => {
	await server?.stop();
	rmSync(UPLOADS, { recursive: true, force: true });
});

async function signedIn(email: string): Promise<FormClient> {
	const client = new FormClient(server);
	await client.post('/merchant/login', 'auth.login', { email, password: TEST_PASSWORD });
	return client;
}

const goodRoom = (over: FormFields = {}): FormFields => ({
	title: '广式点心现做',
	titleEn: 'Dim sum made live',
	anchorName: '陈师傅',
	description: '早茶一盅两件',
	start: '2026-06-07T19:30',
	end: '2026-06-07T21:00',
	wxRoomId: '',
	productName: ['虾饺礼盒', '叉烧包', '', ''],
	productPriceType: ['discount', 'range', 'fixed', 'fixed'],
	productPrice: ['68', '9.9', '', ''],
	productPrice2: ['39.90', '29.9', '', ''],
	...over,
});
const roomCount = () => queryDb<{ n: number }>(server.file, 'select count(*) n from room')[0]!.n;

describe('room submission', () => {
	it('a good room with a cover and products waits for review, times in UTC and prices in fen', async () => {
		const client = await signedIn('a@example.com');
		const photo = await makePhoto({ gps: true });
		const response = await client.post(
			'/merchant/rooms/new',
			'rooms.save',
			goodRoom({ cover: { blob: new Blob([new Uint8Array(photo)]), name: 'cover.txt' } }),
		);
		const [created] = queryDb<Record<string, unknown>>(
			server.file,
			"select * from room where title = '广式点心现做'",
		);
		const products = queryDb(
			server.file,
			'select name, price_type, price, price2 from room_product where room_id = ? order by sort',
			created!.id,
		);
		const cover = await server.get(`/media/${String(created!.cover_key)}-640.webp`);
		expect([response.status, response.headers.get('location')]).toEqual([
			303,
			'/merchant/rooms?saved=1',
		]);
		expect([
			created!.review_status,
			created!.kind,
			created!.merchant_id,
			new Date(Number(created!.start_at)).toISOString(),
			new Date(Number(created!.end_at)).toISOString(),
		]).toEqual([
			'submitted',
			'merchant',
			ids.a,
			'2026-06-07T11:30:00.000Z',
			'2026-06-07T13:00:00.000Z',
		]);
		expect(products).toEqual([
			{ name: '虾饺礼盒', price_type: 'discount', price: 6800, price2: 3990 },
			{ name: '叉烧包', price_type: 'range', price: 990, price2: 2990 },
		]);
		// The photo's GPS position never reaches a visitor: the pipeline re-encoded it without EXIF.
		const served = Buffer.from(await cover.arrayBuffer());
		const meta = await sharp(served).metadata();
		expect([
			cover.status,
			cover.headers.get('content-type'),
			cover.headers.get('cache-control'),
			created!.cover_url,
			[meta.format, meta.width, meta.height, meta.exif],
			served.includes(Buffer.from(GPS_MARKER)),
			photo.includes(Buffer.from(GPS_MARKER)),
		]).toEqual([
			200,
			'image/webp',
			'public, max-age=31536000, immutable',
			null,
			['webp', 640, 480, undefined],
			false,
			true,
		]);
		const list = readPage(await (await client.get('/merchant/rooms?saved=1')).text());
		const firstTitle = queryDb<{ title: string }>(
			server.file,
			'select title from room where id = ?',
			ids.cancelMe,
		)[0]!.title;
		expect([
			list.text('[role=status]'),
			list.texts('.room h2'),
			list.texts('.room .badge'),
		]).toEqual([
			'直播间已提交，等待审核。',
			[firstTitle, '荔枝节女装专场', '广式点心现做'],
			['待审核', '已通过', '待审核'],
		]);
	});

	it('every bad field is named at once, the rules on times included; the other input is kept and nothing is written', async () => {
		const client = await signedIn('a@example.com');
		const before = roomCount();
		const response = await client.post(
			'/merchant/rooms/new',
			'rooms.save',
			goodRoom({
				title: '荔枝',
				anchorName: '主播的名字真的是非常非常非常长的',
				start: '2026-06-07T19:30',
				end: '2026-06-07T19:45',
				wxRoomId: 'abc',
				productName: ['虾饺', '', '草帽'],
				productPriceType: ['range', 'fixed', 'discount'],
				productPrice: ['50', '', '12.345'],
				productPrice2: ['40', '', ''],
				cover: { blob: new Blob(['<svg onload=alert(1)>']), name: 'cover.png' },
			}),
		);
		const html = await response.text();
		expect([response.status, readFieldErrors(html)]).toEqual([
			400,
			{
				title: '标题需为 3–17 个汉字（6–34 个字符），现在是 4 个字符。',
				anchorName: '主播昵称需为 2–15 个汉字（4–30 个字符），现在是 32 个字符。',
				end: '直播至少 30 分钟（结束时间须晚于开始时间）。',
				wxRoomId: '微信直播间 ID 应为数字。',
				'product-price2-0': '区间价的最高价要大于最低价。',
				'product-price-2': '请输入以元为单位的金额，最多两位小数，例如 12.80。',
				cover: '封面图必须是 JPEG、PNG 或 WebP 图片（按文件内容判断，不看扩展名）。',
			},
		]);
		const page = readPage(html);
		expect([
			page.attr('#f-description', 'value') ?? page.text('#f-description'),
			page.attr('#product-name-2', 'value'),
			roomCount(),
		]).toEqual(['早茶一盅两件', '草帽', before]);
	});

	it('times in the past, too short, too long or starting outside the festival are refused; a late-night session past the last midnight is not', async () => {
		const client = await signedIn('a@example.com');
		const cases = [
			['2026-06-05T12:05', '2026-06-05T13:00'],
			['2026-06-07T19:30', '2026-06-07T19:59'],
			['2026-06-06T10:00', '2026-06-07T10:01'],
			['2026-06-08T23:00', '2026-06-09T00:30'],
			['2026-02-30T10:00', 'soon'],
		];
		const results = [];
		for (const [start, end] of cases) {
			results.push(
				readFieldErrors(
					await (
						await client.post(
							'/merchant/rooms/new',
							'rooms.save',
							goodRoom({ start: start!, end: end! }),
						)
					).text(),
				),
			);
		}
		expect(results).toEqual([
			{ start: '开始时间须在直播节期间。' },
			{ end: '直播至少 30 分钟（结束时间须晚于开始时间）。' },
			{ end: '直播不能超过 24 小时。' },
			{},
			{ start: '请按"年-月-日 时:分"填写时间。', end: '请按"年-月-日 时:分"填写时间。' },
		]);
	});

	it('a cover over 2 MB is refused next to the field; a body over the action limit is refused as a whole', async () => {
		const client = await signedIn('a@example.com');
		const big = new Uint8Array(2 * 1024 * 1024 + 1);
		big.set(PNG_HEADER);
		const overCover = await client.post(
			'/merchant/rooms/new',
			'rooms.save',
			goodRoom({ cover: { blob: new Blob([big]), name: 'big.png' } }),
		);
		const huge = new Uint8Array(4 * 1024 * 1024);
		huge.set(PNG_HEADER);
		const overBody = await client.post(
			'/merchant/rooms/new',
			'rooms.save',
			goodRoom({ cover: { blob: new Blob([huge]), name: 'huge.png' } }),
		);
		expect([
			overCover.status,
			readFieldErrors(await overCover.text()).cover,
			overBody.status,
			readPage(await overBody.text()).text('.form-alert'),
		]).toEqual([400, '封面图不能超过 2 MB。', 413, '提交的内容太大（上限 3 MB），未作任何更改。']);
	});

	it('editing an approved room sends it back to review and off the public pages', async () => {
		const client = await signedIn('a@example.com');
		const publicBefore = await server.get(`/rooms/${ids.approvedRoom}`);
		const unchanged = await client.post(`/merchant/rooms/${ids.approvedRoom}`, 'rooms.save', {
			roomId: String(ids.approvedRoom),
			title: '荔枝节女装专场',
			anchorName: '小美',
			start: '2026-06-07T19:30',
			end: '2026-06-07T21:00',
			wxRoomId: '77',
			titleEn: queryDb<{ title_en: string }>(
				server.file,
				'select title_en from room where id = ?',
				ids.approvedRoom,
			)[0]!.title_en,
			productName: ['真丝连衣裙'],
			productPriceType: ['fixed'],
			productPrice: ['128'],
			productPrice2: [''],
		});
		const statusAfterNoop = queryDb(
			server.file,
			'select review_status from room where id = ?',
			ids.approvedRoom,
		);
		const changed = await client.post(
			`/merchant/rooms/${ids.approvedRoom}`,
			'rooms.save',
			goodRoom({
				roomId: String(ids.approvedRoom),
				title: '荔枝节女装专场第二场',
				wxRoomId: '77',
			}),
		);
		expect([
			publicBefore.status,
			unchanged.headers.get('location'),
			statusAfterNoop,
			changed.headers.get('location'),
			queryDb(server.file, 'select review_status, title from room where id = ?', ids.approvedRoom),
			(await server.getFresh(`/rooms/${ids.approvedRoom}`)).status,
		]).toEqual([
			200,
			'/merchant/rooms?saved=0',
			[{ review_status: 'approved' }],
			'/merchant/rooms?saved=1',
			[{ review_status: 'submitted', title: '荔枝节女装专场第二场' }],
			404,
		]);
	});

	it('a WeChat room id already on another of the merchant’s rooms is refused', async () => {
		const client = await signedIn('a@example.com');
		const response = await client.post(
			'/merchant/rooms/new',
			'rooms.save',
			goodRoom({ wxRoomId: '77' }),
		);
		expect(readFieldErrors(await response.text())).toEqual({
			wxRoomId: '你的另一个直播间已使用这个微信直播间 ID。',
		});
	});

	it('cancelling a room is final: it cannot be edited afterwards', async () => {
		const client = await signedIn('a@example.com');
		const cancel = await client.post('/merchant/rooms', 'rooms.cancel', {
			roomId: String(ids.cancelMe),
		});
		const edit = await client.post(
			`/merchant/rooms/${ids.cancelMe}`,
			'rooms.save',
			goodRoom({ roomId: String(ids.cancelMe) }),
		);
		expect([
			cancel.headers.get('location'),
			edit.status,
			readPage(await edit.text()).text('.form-alert'),
			queryDb(server.file, 'select review_status from room where id = ?', ids.cancelMe),
		]).toEqual([
			'/merchant/rooms?cancelled=1',
			403,
			'已取消的直播间不能再修改。',
			[{ review_status: 'cancelled' }],
		]);
	});
});

describe('authorisation', () => {
	it('another merchant’s room, a showcase or no room is 404 in URLs and in forms, and nothing changes', async () => {
		const client = await signedIn('a@example.com');
		const before = queryDb(
			server.file,
			'select title, review_status from room where id = ?',
			ids.otherRoom,
		);
		const results = [
			(await client.get(`/merchant/rooms/${ids.otherRoom}`)).status,
			(await client.get(`/en/merchant/rooms/${ids.showcase}`)).status,
			(await client.get('/merchant/rooms/999999')).status,
			(
				await client.post(
					`/merchant/rooms/${ids.approvedRoom}`,
					'rooms.save',
					goodRoom({ roomId: String(ids.otherRoom) }),
				)
			).status,
			(await client.post('/merchant/rooms', 'rooms.cancel', { roomId: String(ids.otherRoom) }))
				.status,
			(await client.post('/merchant/rooms', 'rooms.cancel', { roomId: String(ids.showcase) }))
				.status,
		];
		expect([
			results,
			queryDb(server.file, 'select title, review_status from room where id = ?', ids.otherRoom),
		]).toEqual([[404, 404, 404, 404, 404, 404], before]);
	});

	it('rejected, suspended and unregistered merchants cannot submit', async () => {
		const results = [];
		for (const email of [
			'rejected@example.com',
			'suspended@example.com',
			'nobusiness@example.com',
		]) {
			const response = await (
				await signedIn(email)
			).post('/merchant/rooms/new', 'rooms.save', goodRoom({ title: '不该出现的直播间' }));
			results.push([
				response.status,
				readPage(await response.text()).text('.form-alert') || response.headers.get('location'),
			]);
		}
		expect([
			results,
			queryDb(server.file, "select id from room where title = '不该出现的直播间'"),
		]).toEqual([
			[
				[403, '企业信息未通过审核，请先修改企业信息并重新提交，再提交直播间。'],
				[403, '商家资格已暂停，不能提交或修改直播间。'],
				[303, '/merchant/register'],
			],
			[],
		]);
	});

	it('a suspended merchant can still withdraw a room', async () => {
		const client = await signedIn('suspended@example.com');
		const response = await client.post('/merchant/rooms', 'rooms.cancel', {
			roomId: String(ids.suspendedRoom),
		});
		expect([
			response.status,
			queryDb(server.file, 'select review_status from room where id = ?', ids.suspendedRoom),
		]).toEqual([303, [{ review_status: 'cancelled' }]]);
	});

	it('uploaded files are served only by the names the server gave them', async () => {
		const statuses = await Promise.all(
			[
				'/media/..%2F..%2Fetc%2Fpasswd',
				'/media/0123456789abcdef0123456789abcdef.png',
				'/media/x.svg',
			].map(async (p) => (await server.get(p)).status),
		);
		expect(statuses).toEqual([404, 404, 404]);
	});
});
