import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import {
	createCategory,
	createDistrict,
	createFestival,
	createMerchant,
	createUser,
	TEST_PASSWORD,
} from '../../support/factories';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { FormClient, queryDb } from './client';

/**
 * Integration (issue 14, item 9): a getliveinfo file with bad rows imports its good rows once,
 * in one transaction, and lists each refused row with its number (from 1), field and reason.
 */
const FIXTURE = readFileSync(
	path.resolve(import.meta.dirname, '../../fixtures/getliveinfo-sample.json'),
	'utf8',
);
let server: RunningServer;

function seed(db: Db): void {
	createFestival(db, { startDate: '2020-06-06', endDate: '2020-06-08' });
	const d = createDistrict(db);
	const c = createCategory(db);
	const u = createUser(db, { email: 'rows@example.com' });
	createMerchant(db, { ownerUserId: u.id, districtId: d.id, categoryId: c.id, status: 'approved' });
}

beforeAll(async () => {
	server = await startServer({ seed, now: '2020-06-01T00:00:00Z' });
});
afterAll(() => server?.stop());

/** The sample's first two rooms (both import) around four rooms that each break one rule. */
function fileWithBadRows(): string {
	const data = JSON.parse(FIXTURE) as { room_info: Record<string, unknown>[] };
	const [good1, good2] = data.room_info as [Record<string, unknown>, Record<string, unknown>];
	const goods = (over: Record<string, unknown>) => [
		{ name: '荔枝礼盒', price: 9900, price_type: 1, ...over },
	];
	data.room_info = [
		good1,
		{ ...good2, roomid: '3001' },
		{ ...good2, roomid: 3002, goods: goods({ name: null }) },
		{ ...good2, roomid: 3003, goods: [...goods({}), ...goods({ price: -100 })] },
		{ ...good2, roomid: 3004, anchor_name: '<b>主播</b>' },
		good2,
	];
	return JSON.stringify(data);
}

async function importFile(client: FormClient, lang = '') {
	const response = await client.post(`${lang}/merchant/rooms/import`, 'rooms.import', {
		payload: fileWithBadRows(),
	});
	const page = readPage(await response.text());
	return {
		status: response.status,
		heading: page.text('#report-heading'),
		refused: page.text('.refused-count'),
		rows: page.texts('tbody tr').map((r) => r.replace(/\s+/g, ' ')),
	};
}

describe('an import with bad rows', () => {
	it('imports the good rows and lists each refused one by row, field and reason', async () => {
		const client = new FormClient(server);
		await client.post('/merchant/login', 'auth.login', {
			email: 'rows@example.com',
			password: TEST_PASSWORD,
		});
		const first = await importFile(client);
		const again = await importFile(client, '/en');
		const rooms = queryDb<{ wx_room_id: number; anchor_name: string }>(
			server.file,
			'select wx_room_id, anchor_name from room order by wx_room_id',
		);
		expect(first).toEqual({
			status: 200,
			heading: '导入结果：新建 2，更新 0，无变化 0，跳过 0。',
			refused: '有 4 行无法导入，原因已逐行列出；其他行已正常处理。',
			rows: [
				'1 1021 荔湾老字号广式点心专场 已新建，待审核',
				'2 未导入 字段 roomid：类型不对（例如应为数字却是文字）。',
				'3 3002 未导入 字段 goods[1].name：缺少此项或为空（null）。',
				'4 3003 未导入 字段 goods[2].price：不能是负数。',
				'5 3004 未导入 字段 anchor_name：含有 HTML 标记（< 或 >）。',
				'6 1022 夏季女装新品发布 已新建，待审核',
			],
		});
		expect([again.heading, again.refused, again.rows[1], again.rows[3], rooms]).toEqual([
			'Import done: 0 created, 0 updated, 2 unchanged, 0 skipped.',
			'4 rows could not be imported; each is listed with its reason. The other rows were processed.',
			'2 Not imported Field roomid: The wrong type (e.g. text where a number belongs).',
			'4 3003 Not imported Field goods[2].price: Cannot be negative.',
			[
				{ wx_room_id: 1021, anchor_name: '陈师傅' },
				{ wx_room_id: 1022, anchor_name: 'Amy 林' },
			],
		]);
	});
});
