/**
 * Integration (the built server, forms posted as a browser without JavaScript posts them): a
 * merchant reports a session's results — bad figures are told next to their fields with the rest
 * kept, another merchant's room is not found, a locked report is refused with the reason — staff
 * publish them, `/results` shows them labelled in both languages (and follows a republication
 * within the cache's bound), the CSV export lists them, and calendar downloads and stars are
 * counted once per visitor, never by a shared cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { createRoom, createMerchant } from '../../support/factories';
import { queryDb, readFieldErrors } from '../merchant/client';
import { clientWith } from '../staff/session-client';

let server: RunningServer;
let w: ConsoleWorld;
let ended: ReturnType<typeof createRoom>;
let rivals: { id: number };
beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		env: { TRUSTED_PROXIES: '127.0.0.1' },
		seed: (db) => {
			w = seedConsoleWorld(db);
			const base = {
				festivalId: w.world.festival.id,
				districtId: w.world.district.id,
				categoryId: w.world.category.id,
			};
			const startAt = new Date('2026-06-06T11:00:00Z');
			ended = createRoom(db, { ...base, merchantId: w.shop.id, title: '荔枝采摘首场', startAt });
			const rival = createMerchant(db, {
				districtId: w.world.district.id,
				categoryId: w.world.category.id,
			});
			rivals = createRoom(db, { ...base, merchantId: rival.id, startAt });
			// The district's venue, holding its sessions by its rule.
			db.$client
				.prepare(
					`INSERT INTO venue (festival_id, slug, kind, name_zh, name_en, rule_districts,
						created_at, updated_at) VALUES (?, 'lychee', 'district', '荔枝会场', 'Lychee venue', ?, 0, 0)`,
				)
				.run(base.festivalId, JSON.stringify([base.districtId]));
		},
	});
});
afterAll(() => server?.stop());

const page = (id: number) => `/merchant/rooms/${id}/results`;
const merchant = () => clientWith(server, w.tokens.merchant);
const staff = () => clientWith(server, w.tokens.staff);

describe('a merchant reporting a session', () => {
	it('is told what is wrong next to each field, keeping what they typed', async () => {
		const response = await merchant().post(page(ended.id), 'results.report', {
			roomId: String(ended.id),
			viewers: '-3',
			orders: '12.5',
			sales: '¥45,600.50',
		});
		const html = await response.text();
		const doc = readPage(html);
		expect([
			response.status,
			readFieldErrors(html),
			doc.attr('#f-sales', 'value'),
			doc.text('[role=alert]'),
		]).toEqual([
			400,
			{ viewers: '不能是负数。', orders: '请填写整数。' },
			'¥45,600.50',
			'提交未成功，请按提示修改标出的内容。',
		]);
	});

	it('saves good figures; another merchant’s room is not found', async () => {
		const saved = await merchant().post(page(ended.id), 'results.report', {
			roomId: String(ended.id),
			viewers: '12,800',
			orders: '320',
			sales: '45600.5',
		});
		const theirs = await merchant().post(page(ended.id), 'results.report', {
			roomId: String(rivals.id),
			viewers: '99',
		});
		const theirsPage = await merchant().get(page(rivals.id));
		expect([
			saved.status,
			saved.headers.get('location'),
			queryDb(
				server.file,
				'select viewers, orders, sales_fen from room_result where room_id = ?',
				ended.id,
			),
			theirs.status,
			readPage(await theirs.text()).text('[role=alert]'),
			theirsPage.status,
		]).toEqual([
			303,
			`${page(ended.id)}?saved=1`,
			[{ viewers: 12_800, orders: 320, sales_fen: 4_560_050 }],
			404,
			'没有找到这条记录，可能已被删除。',
			404,
		]);
	});
});

describe('staff and the public results', () => {
	it('lock the reports (then refused with the reason) and publish /results, labelled, in both languages', async () => {
		const notYet = readPage(await (await server.getFresh('/results')).text()).text('main');
		const lock = await staff().post('/staff/results', 'results.manage', { action: 'lock' });
		const refused = await merchant().post(page(ended.id), 'results.report', {
			roomId: String(ended.id),
			viewers: '1',
		});
		const publish = await staff().post('/staff/results', 'results.manage', { action: 'publish' });
		const zh = readPage(await (await server.getFresh('/results')).text());
		const en = readPage(await (await server.getFresh('/en/results')).text());
		expect([
			notYet.includes('战报将在直播节结束'),
			lock.headers.get('location'),
			refused.status,
			readPage(await refused.text()).text('[role=alert]'),
			publish.headers.get('location'),
			zh.texts('.totals dd').slice(2, 5),
			zh.texts('.totals .source'),
			zh.text('#top-sales-title + .source'),
			zh.texts('#top-sales-title ~ .scroll tbody th a'),
			en.texts('.totals .source'),
			en.text('#top-viewers-title ~ .scroll tbody td.num'),
			en.texts('#by-venue-title ~ details tbody tr > *'),
		]).toEqual([
			true,
			'/staff/results?done=lock',
			403,
			'工作人员已锁定战报，不能再修改。如需更正，请联系主办方。',
			'/staff/results?done=publish',
			['12,800', '320', '¥45,601'],
			['商家填报', '门户统计'],
			'商家填报',
			['荔枝采摘首场'],
			['Reported by the merchant', 'Measured by the portal'],
			'12,800',
			// Every public session of its district (the console world holds six), one reported.
			['Lychee venue', '6', '1', '12800', '320', '45600.50', '0', '0', '0'],
		]);
	});

	it('are published as a CSV file too, section by section, each figure saying where it comes from', async () => {
		const zh = await server.getFresh('/festival-results.csv');
		const en = await server.getFresh('/en/festival-results.csv');
		const enLines = (await en.text()).split('\r\n');
		// The BOM (so Excel reads UTF-8) is kept in the bytes; text() drops it.
		const zhBytes = Buffer.from(await zh.arrayBuffer());
		const zhLines = zhBytes.toString('utf8').split('\r\n');
		const after = (lines: string[], title: string, n: number) =>
			lines.slice(lines.indexOf(title) + 1, lines.indexOf(title) + 1 + n);
		expect([
			zh.status,
			zh.headers.get('content-type'),
			zh.headers.get('content-disposition'),
			zhLines[0],
			after(zhLines, '按日期', 2),
			after(enLines, 'Sessions with the highest sales', 2),
			after(enLines, 'By venue', 2)[1],
		]).toEqual([
			200,
			'text/csv; charset=utf-8',
			`attachment; filename="${w.world.festival.slug}-results-zh-cn.csv"`,
			`\uFEFF${w.world.festival.nameZh} · 直播节战报`,
			[
				'按日期,直播场次,填报场次,观看人数 (商家填报),订单数 (商家填报),销售额（元） (商家填报),打开次数 (门户统计),日历下载 (门户统计),收藏次数 (门户统计)',
				'2026-06-06,2,1,12800,320,45600.50,0,0,0',
			],
			[
				'Rank,Session,Merchant,Day,District,Sessions with the highest sales (Reported by the merchant)',
				`1,${ended.titleEn},${w.shop.nameEn},2026-06-06,${w.world.district.nameEn},45600.50`,
			],
			'Lychee venue,6,1,12800,320,45600.50,0,0,0',
		]);
	});

	it('export every session’s results as a streamed CSV', async () => {
		const csv = await (await staff().get('/en/staff/export/results.csv')).text();
		const row = csv.split('\r\n').find((line) => line.startsWith(`${ended.id},`));
		expect(row?.split(',').slice(8, 11)).toEqual(['12800', '320', '45600.50']);
	});
});

describe('calendar downloads', () => {
	it('are counted once per visitor and room, and kept by browsers only', async () => {
		const ics = `/rooms/${w.approved[0]!.id}.ics`;
		const from = (address: string) => server.get(ics, { headers: { 'x-forwarded-for': address } });
		const answers = [
			await from('203.0.113.4'),
			await from('203.0.113.4'),
			await from('198.51.100.7'),
		];
		expect([
			answers.map((a) => [a.status, a.headers.get('cache-control'), a.headers.get('x-cache')]),
			queryDb(
				server.file,
				'select count from calendar_download where room_id = ?',
				w.approved[0]!.id,
			),
		]).toEqual([
			[
				[200, 'private, max-age=300', 'BYPASS'],
				[200, 'private, max-age=300', 'BYPASS'],
				[200, 'private, max-age=300', 'BYPASS'],
			],
			[{ count: 2 }],
		]);
	});
});

describe('stars', () => {
	it('are counted once per visitor and room an hour, from the portal’s own pages only', async () => {
		const id = w.approved[1]!.id;
		const star = (address: string, origin = server.origin, room = id) =>
			server.get(`/api/rooms/${room}/star`, {
				method: 'POST',
				headers: { origin, 'x-forwarded-for': address },
			});
		const answers = [
			await star('203.0.113.4'),
			await star('203.0.113.4'),
			await star('198.51.100.7'),
			await star('198.51.100.8', 'https://elsewhere.example'),
			await star('198.51.100.8', server.origin, w.submitted.id),
		];
		expect([
			answers.map((a) => [a.status, a.headers.get('cache-control')]),
			queryDb(server.file, 'select count from room_star where room_id = ?', id),
			queryDb(server.file, 'select stars from room_result where room_id = ?', id),
		]).toEqual([
			[
				[204, 'no-store'],
				[204, 'no-store'],
				[204, 'no-store'],
				[403, null], // the middleware's cross-site write check, before the endpoint
				[404, 'no-store'],
			],
			[{ count: 2 }],
			[{ stars: 2 }],
		]);
	});
});
