import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMerchant, createUser } from '../../support/factories';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';
import { queryDb } from '../merchant/client';
import { clientWith } from './session-client';

let server: RunningServer;
let w: ConsoleWorld;
let hostile: { id: number };

beforeAll(async () => {
	server = await startServer({
		seed: (db) => {
			w = seedConsoleWorld(db);
			const owner = createUser(db, { email: 'formula@example.com' });
			hostile = createMerchant(db, {
				ownerUserId: owner.id,
				districtId: w.world.district.id,
				categoryId: w.world.category.id,
				legalName: '=HYPERLINK("https://evil.example","点我")',
				nameZh: '+荔枝, "小店"',
				nameEn: '-1+1',
				creditCode: '91440101MA59TEST0X',
				appId: 'wx0123456789abcdef',
				contactName: '@SUM(1)',
				contactMobile: '13800138000',
				status: 'rejected',
				reviewNote: '第一行\n第二行',
				createdAt: new Date('2026-06-01T02:05:00Z'),
				updatedAt: new Date('2026-06-02T03:10:00Z'),
			});
		},
		now: CONSOLE_NOW,
	});
});
afterAll(() => server?.stop());

async function download(path: string, token: string | null = w.tokens.staff) {
	const response = await clientWith(server, token).get(path);
	const bytes = new Uint8Array(await response.arrayBuffer());
	return { response, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

describe('CSV exports', () => {
	it('merchants.csv is UTF-8 with a BOM, CRLF lines and a header in the reader’s language', async () => {
		const { response, bytes, text } = await download('/staff/export/merchants.csv');
		const lines = text.slice(1).split('\r\n');
		expect([
			response.status,
			response.headers.get('content-type'),
			response.headers.get('content-disposition'),
			[...bytes.slice(0, 3)],
			lines[0],
			lines.at(-1),
		]).toEqual([
			200,
			'text/csv; charset=utf-8',
			'attachment; filename="livefest-merchants-2026-06-07.csv"',
			[0xef, 0xbb, 0xbf],
			'编号,企业名称（营业执照上的全称）,展示名称（中文）,展示名称（英文）,统一社会信用代码,所在区,经营品类,小程序 AppID,打开直播间的小程序页面路径,联系人,联系人手机号,电子邮箱,状态,审核意见,登记时间,最后修改',
			'',
		]);
	});

	it('a name beginning with = (and +, -, @) is neutralised; commas, quotes and line breaks are quoted', async () => {
		const { text } = await download('/staff/export/merchants.csv');
		const row = text.split('\r\n').find((l) => l.startsWith(`${hostile.id},`));
		expect(row).toBe(
			`${hostile.id},"'=HYPERLINK(""https://evil.example"",""点我"")","'+荔枝, ""小店""",'-1+1,91440101MA59TEST0X,${w.world.district.nameZh},${w.world.category.nameZh},wx0123456789abcdef,pages/live/room,'@SUM(1),13800138000,formula@example.com,未通过,"第一行\n第二行",2026-06-01 10:05,2026-06-02 11:10`,
		);
	});

	it('rooms.csv lists every room of the festival with festival-zone times; the English one has English headers', async () => {
		const zh = await download('/staff/export/rooms.csv');
		const en = await download('/en/staff/export/rooms.csv');
		const rows = zh.text.slice(1).split('\r\n').filter(Boolean);
		const submitted = rows.find((l) => l.startsWith(`${w.submitted.id},`));
		expect([rows.length - 1, submitted, en.text.slice(1).split('\r\n')[0]]).toEqual([
			queryDb<{ n: number }>(server.file, 'select count(*) n from room')[0]!.n,
			`${w.submitted.id},商家直播,荔枝节女装专场,${w.submitted.titleEn},荔枝小店,${w.world.district.nameZh},${w.world.category.nameZh},2026-06-07 19:30,2026-06-07 21:00,主播小李,,待审核,,,2026-06-06 09:00`,
			'ID,Kind,Room title,English title,Merchant,District,Category,Starts,Ends,Host’s name,WeChat room ID,Status,Review note,Featured position,Last changed',
		]);
	});

	it('decisions.csv lists review decisions with who, when and why, and every download is audited', async () => {
		const id = w.submitted.id;
		const decide = await clientWith(server, w.tokens.staff).post(
			`/staff/review/room/${id}`,
			'staff.decideRoom',
			{
				roomId: String(id),
				decision: 'reject',
				reason: '=请修改标题, 再提交',
				seenStatus: 'submitted',
				seenAt: String(w.submitted.updatedAt.getTime()),
			},
		);
		await decide.arrayBuffer();
		const { text } = await download('/staff/export/decisions.csv');
		const exports = queryDb<{ action: string; actor_name: string }>(
			server.file,
			"select action, actor_name from audit_event where entity_type = 'export' order by id",
		);
		expect([decide.status, text.slice(1).split('\r\n')]).toEqual([
			303,
			[
				'时间,操作人,操作,对象,编号,名称,原因',
				`2026-06-07 12:00,reviewer@bureau.gov.cn,room.reject,room,${id},荔枝节女装专场,"'=请修改标题, 再提交"`,
				'',
			],
		]);
		expect(exports.map((e) => e.action)).toEqual([
			'export.merchants',
			'export.merchants',
			'export.rooms',
			'export.rooms',
			'export.decisions',
		]);
	});

	it('a visitor gets 403 and a merchant 404, with no data', async () => {
		const visitor = await download('/staff/export/merchants.csv', null);
		const merchant = await download('/staff/export/merchants.csv', w.tokens.merchant);
		expect([
			visitor.response.status,
			visitor.text.includes('formula@example.com'),
			merchant.response.status,
			merchant.text.includes('formula@example.com'),
		]).toEqual([403, false, 404, false]);
	});
});
