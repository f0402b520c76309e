import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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
import { FormClient, queryDb, readFieldErrors, type FormFields } from './client';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURE = readFileSync(path.join(ROOT, 'tests/fixtures/getliveinfo-sample.json'), 'utf8');
let server: RunningServer;
let merchantId = 0;
let dir: string;

function seed(db: Db): void {
	createFestival(db, { startDate: '2020-06-06', endDate: '2020-06-08' });
	const d = createDistrict(db);
	const c = createCategory(db);
	const u = createUser(db, { email: 'importer@example.com' });
	merchantId = createMerchant(db, {
		ownerUserId: u.id,
		districtId: d.id,
		categoryId: c.id,
		status: 'pending',
	}).id;
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-import-'));
	server = await startServer({ seed, now: '2020-06-01T00:00:00Z' });
});
afterAll(async () => {
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

async function signedIn(): Promise<FormClient> {
	const client = new FormClient(server);
	await client.post('/merchant/login', 'auth.login', {
		email: 'importer@example.com',
		password: TEST_PASSWORD,
	});
	return client;
}
const rooms = () =>
	queryDb<{ wx_room_id: number; review_status: string; title: string }>(
		server.file,
		'select wx_room_id, review_status, title from room order by wx_room_id',
	);
const withRoom = (index: number, change: Record<string, unknown>) => {
	const data = JSON.parse(FIXTURE) as { room_info: Record<string, unknown>[] };
	Object.assign(data.room_info[index]!, change);
	return JSON.stringify(data);
};

describe('import on the web', () => {
	it('hostile and malformed files are refused with a clear message and change nothing', async () => {
		const client = await signedIn();
		const cases: [string, string][] = [
			['payload', '{"errcode": 0, "room_info": ['],
			['payload', '<html>not json</html>'],
			['payload', JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' })],
			['payload', JSON.stringify({ errcode: 0, room_info: 'none' })],
			['file', 'x'.repeat(2 * 1024 * 1024 + 10)],
			['payload', ''],
		];
		const messages = [];
		for (const [field, content] of cases) {
			const fields: FormFields =
				field === 'file'
					? { file: { blob: new Blob([content]), name: 'rooms.json' } }
					: { payload: content };
			const response = await client.post('/merchant/rooms/import', 'rooms.import', fields);
			messages.push([response.status, readFieldErrors(await response.text())]);
		}
		expect(messages).toEqual([
			[400, { payload: '这不是有效的 JSON 文件。未导入任何内容。' }],
			[400, { payload: '这不是有效的 JSON 文件。未导入任何内容。' }],
			[
				400,
				{
					payload:
						'微信接口返回了错误 40001（invalid credential），文件中没有直播间。未导入任何内容。',
				},
			],
			[
				400,
				{
					payload:
						'文件内容格式不对：room_info 的类型或取值不符合 getliveinfo 的格式。未导入任何内容。',
				},
			],
			[400, { file: '文件太大（2.0 MB），上限是 2 MB。未导入任何内容。' }],
			[400, { payload: '请粘贴 JSON 或选择文件。' }],
		]);
		expect(rooms()).toEqual([]);
	});

	it('a 50 MB upload is refused before it is read', async () => {
		const client = await signedIn();
		const response = await client.post('/merchant/rooms/import', 'rooms.import', {
			file: { blob: new Blob([new Uint8Array(50 * 1024 * 1024)]), name: 'huge.json' },
		});
		expect([response.status, readPage(await response.text()).text('.form-alert'), rooms()]).toEqual(
			[413, '提交的内容太大（上限 3 MB），未作任何更改。', []],
		);
	});

	it('the sample file gives a per-row report; importing it again updates nothing', async () => {
		const client = await signedIn();
		const first = readPage(
			await (
				await client.post('/merchant/rooms/import', 'rooms.import', {
					file: { blob: new Blob([FIXTURE]), name: 'getliveinfo.json' },
				})
			).text(),
		);
		const again = readPage(
			await (
				await client.post('/merchant/rooms/import', 'rooms.import', { payload: FIXTURE })
			).text(),
		);
		expect([
			first.text('#report-heading'),
			first.texts('tbody tr').map((r) => r.replace(/\s+/g, ' ')),
		]).toEqual([
			'导入结果：新建 2，更新 0，无变化 0，跳过 2。',
			[
				'1 1021 荔湾老字号广式点心专场 已新建，待审核',
				'2 1022 夏季女装新品发布 已新建，待审核',
				'3 1023 从化荔枝产地直播 已跳过 直播时间不在直播节期间。',
				'4 1024 测试直播间 已跳过 该直播间已过期（107），不能提交。',
			],
		]);
		expect([again.text('#report-heading'), rooms()]).toEqual([
			'导入结果：新建 0，更新 0，无变化 2，跳过 2。',
			[
				{ wx_room_id: 1021, review_status: 'submitted', title: '荔湾老字号广式点心专场' },
				{ wx_room_id: 1022, review_status: 'submitted', title: '夏季女装新品发布' },
			],
		]);
	});
});

describe('import on the command line', () => {
	const cli = (...args: string[]) =>
		spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-wechat.ts', ...args], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_PATH: server.file, LIVEFEST_NOW: '2020-06-01T00:00:00Z' },
			encoding: 'utf8',
		});

	it('a changed room is updated and a bad row reported, one line per row and a summary', () => {
		const file = path.join(dir, 'changed.json');
		const changed = JSON.parse(withRoom(0, { name: '荔湾老字号广式点心专场（加场）' })) as {
			room_info: Record<string, unknown>[];
		};
		changed.room_info[2]!.goods = 'none';
		writeFileSync(file, JSON.stringify(changed));
		const run = cli('--merchant', String(merchantId), file);
		expect([run.status, run.stderr.trim(), run.stdout.trim().split('\n'), rooms()[0]]).toEqual([
			0,
			'3/3 rooms',
			[
				'1\t1021\t已更新，待审核\t荔湾老字号广式点心专场（加场）',
				'2\t1022\t无变化\t夏季女装新品发布',
				'3\t1023\t未导入\tgoods — 类型不对（例如应为数字却是文字）。',
				'4\t1024\t已跳过\t测试直播间 — 该直播间已过期（107），不能提交。',
				'导入结果：新建 0，更新 1，无变化 1，跳过 1。',
				'有 1 行无法导入，原因已逐行列出；其他行已正常处理。',
			],
			{ wx_room_id: 1021, review_status: 'submitted', title: '荔湾老字号广式点心专场（加场）' },
		]);
	});

	it('a 50 MB file, a wrong type and a missing merchant are refused with exit code 1', () => {
		const huge = path.join(dir, 'huge.json');
		writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
		const wrong = path.join(dir, 'wrong.json');
		writeFileSync(wrong, JSON.stringify({ errcode: 0, room_info: { roomid: 1021 } }));
		const before = rooms();
		const results = [
			cli('--merchant', String(merchantId), huge),
			cli('--merchant', String(merchantId), wrong),
			cli('--merchant', '9999', path.join(ROOT, 'tests/fixtures/getliveinfo-sample.json')),
			cli('--lang', 'en', '--merchant', String(merchantId), huge),
			cli(huge),
		].map((r) => [r.status, r.stderr.trim().split('\n').at(-1)]);
		expect(results).toEqual([
			[1, '文件太大（50.0 MB），上限是 20 MB。未导入任何内容。'],
			[1, '文件内容格式不对：room_info 的类型或取值不符合 getliveinfo 的格式。未导入任何内容。'],
			[1, `Merchant 9999 not found in ${server.file}.`],
			[1, 'The file is too large (50.0 MB; the limit is 20 MB). Nothing was imported.'],
			[2, '  --lang      language of the report: zh-cn (default) or en'],
		]);
		expect(rooms()).toEqual(before);
	});
});
