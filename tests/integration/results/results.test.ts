/**
 * Integration (the built server, forms posted as a browser without JavaScript posts them): a
 * merchant reports a session's results — bad figures are told next to their fields with the rest
 * kept, another merchant's room is not found, a locked report is refused with the reason — staff
 * publish them, `/results` shows them labelled in both languages (and follows a republication
 * within the cache's bound), the CSV export lists them, and calendar downloads are counted once
 * per visitor, never by a shared cache.
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
let ended: { id: number; title: string };
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
