import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantRoomSource, room } from '../../../db/schema';
import { createSecretBox } from '../../../src/lib/server/crypto/secret-box';
import { openDatabase } from '../../../src/lib/server/db';
import { saveRoomSource } from '../../../src/lib/server/sync/source-settings';
import { createMerchant, createFestivalWorld } from '../../support/factories';
import {
	liveInfo,
	liveRoom,
	startWechatStub,
	type WechatStub,
} from '../../support/sync-wechat-stub';
import { createTempDb } from '../../support/temp-db';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

/** `npm run sync:wechat` with two demo merchants on a local feed server (the README's setup). */
let stub: WechatStub;
let temp: ReturnType<typeof createTempDb>;
let ids: number[] = [];
beforeAll(async () => {
	stub = await startWechatStub();
	temp = createTempDb();
	const world = createFestivalWorld(temp.db);
	const second = createMerchant(temp.db, {
		districtId: world.district.id,
		categoryId: world.category.id,
	});
	ids = [world.merchant.id, second.id];
	const box = createSecretBox(undefined);
	for (const id of ids) {
		saveRoomSource(
			temp.db,
			id,
			{ kind: 'feed', feedUrl: `${stub.origin}/feed/${id}` },
			box,
			new Date('2026-06-01T00:00:00Z'),
		);
	}
	temp.db.$client.close();
	stub.handle = (req) =>
		req.path === `/feed/${ids[0]}`
			? { json: liveInfo([liveRoom(1), liveRoom(2, { live_status: 101 })]) }
			: { raw: 'not json' };
});
afterAll(async () => {
	await stub.stop();
	temp.cleanup();
});

describe('npm run sync:wechat', () => {
	it('syncs every due merchant, reports each, and exits 1 when one failed', async () => {
		const result = await run(
			process.execPath,
			[
				path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
				'scripts/sync-wechat.ts',
				'--',
				'--lang',
				'en',
			],
			{
				cwd: ROOT,
				env: {
					...process.env,
					DATABASE_PATH: temp.file,
					LIVEFEST_NOW: '2026-06-05T00:00:00Z',
					SYNC_ALLOW_HTTP: '1',
					SYNC_ALLOW_LOOPBACK: '1',
				},
			},
		).then(
			(r) => ({ code: 0, stdout: r.stdout }),
			(e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
		);
		expect([result.code, result.stdout.trim().split('\n')]).toEqual([
			1,
			[
				`${ids[0]}\tOK\t2 created, 0 updated, 0 unchanged, 0 skipped, 0 no longer reported`,
				`${ids[1]}\tFailed\tThis is not a valid JSON file. Nothing was imported.`,
			],
		]);
		const db = openDatabase(temp.file, { migrate: false });
		expect(
			db
				.select({ wx: room.wxRoomId, live: room.liveStatus })
				.from(room)
				.orderBy(asc(room.wxRoomId))
				.all(),
		).toEqual([
			{ wx: 1, live: 102 },
			{ wx: 2, live: 101 },
		]);
		expect(
			db
				.select({ f: merchantRoomSource.failures })
				.from(merchantRoomSource)
				.where(eq(merchantRoomSource.merchantId, ids[1]!))
				.get(),
		).toEqual({ f: 1 });
		db.$client.close();
	});
});
