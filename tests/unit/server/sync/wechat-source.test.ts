import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { merchantRoomSource, room } from '../../../../db/schema';
import type { Db } from '../../../../src/lib/server/db';
import { syncMerchant, type SyncDeps } from '../../../../src/lib/server/sync/merchant-sync';
import { saveRoomSource } from '../../../../src/lib/server/sync/source-settings';
import { parseWechatTime } from '../../../../src/lib/server/sync/wechat-source';
import { createFestivalWorld } from '../../../support/factories';
import {
	liveInfo,
	liveRoom,
	startWechatStub,
	type StubRequest,
	type WechatStub,
} from '../../../support/sync-wechat-stub';
import { createSyncDeps, createSyncedRoom } from '../../../support/sync-world';
import { createTempDb } from '../../../support/temp-db';

let stub: WechatStub;
let temp: ReturnType<typeof createTempDb>;
let db: Db;
let world: ReturnType<typeof createFestivalWorld>;
let deps: SyncDeps;
beforeAll(async () => {
	stub = await startWechatStub();
});
afterAll(() => stub.stop());
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
	world = createFestivalWorld(db);
	deps = createSyncDeps(stub.origin);
	stub.requests.length = 0;
	saveRoomSource(
		db,
		world.merchant.id,
		{ kind: 'credentials', appSecret: 'S3CRET' },
		deps.box,
		deps.now,
	);
});
afterEach(() => temp.cleanup());

const ROOMS = Array.from({ length: 250 }, (_, i) => liveRoom(1000 + i));
let tokens = 0;

/** WeChat: /cgi-bin/token hands out tok-1, tok-2 …; getliveinfo pages through ROOMS. */
function wechat(
	over: (req: StubRequest) => ReturnType<WechatStub['handle']> | undefined = () => undefined,
) {
	tokens = 0;
	return (req: StubRequest) => {
		const special = over(req);
		if (special) return special;
		if (req.path === '/cgi-bin/token')
			return { json: { access_token: `tok-${++tokens}`, expires_in: 7200 } };
		const body = req.json as { start: number; limit: number; action?: string };
		if (body.action === 'get_replay') {
			return {
				json: {
					errcode: 0,
					total: 1,
					live_replay: [
						{
							create_time: '2026-06-06 20:00:00',
							expire_time: '2026-07-06 20:00:00',
							media_url: 'https://media.example/r.mp4',
						},
					],
				},
			};
		}
		return { json: liveInfo(ROOMS.slice(body.start, body.start + body.limit), ROOMS.length) };
	};
}

const liveCalls = () => stub.requests.filter((r) => r.path === '/wxa/business/getliveinfo');

describe('syncMerchant with WeChat credentials', () => {
	it('pages through total > limit with one token', async () => {
		stub.handle = wechat();
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		expect([
			outcome.result,
			outcome.rows.length,
			liveCalls().map((r) => (r.json as { start: number }).start),
			stub.requests[0]!.query.get('secret'),
			liveCalls().map((r) => r.query.get('access_token')),
		]).toEqual(['ok', 250, [0, 100, 200], 'S3CRET', ['tok-1', 'tok-1', 'tok-1']]);
	});

	it('the token is cached encrypted and reused by the next run', async () => {
		stub.handle = wechat();
		await syncMerchant(db, world.merchant.id, deps);
		await syncMerchant(db, world.merchant.id, deps);
		const row = db.select().from(merchantRoomSource).get()!;
		expect([
			stub.requests.filter((r) => r.path === '/cgi-bin/token').length,
			row.accessTokenEnc?.includes('tok-1'),
			row.appSecretEnc?.includes('S3CRET'),
		]).toEqual([1, false, false]);
	});

	it('a token expiring mid-run (42001) is refreshed once and the page retried', async () => {
		let expired = false;
		stub.handle = wechat((req) => {
			const start = (req.json as { start?: number } | undefined)?.start;
			if (req.query.get('access_token') === 'tok-1' && start === 100) {
				expired = true;
				return { json: { errcode: 42001, errmsg: 'access_token expired' } };
			}
			return undefined;
		});
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		expect([expired, outcome.result, outcome.rows.length, tokens]).toEqual([true, 'ok', 250, 2]);
	});

	it('a token refused again after the refresh (40001) fails without a loop', async () => {
		stub.handle = wechat((req) =>
			req.path === '/wxa/business/getliveinfo'
				? { json: { errcode: 40001, errmsg: 'invalid credential' } }
				: undefined,
		);
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		expect([outcome.result, outcome.message, tokens, liveCalls().length]).toEqual([
			'failed',
			'sync.error.wechat?code=40001',
			2,
			2,
		]);
	});

	it('a quota error (45009) backs off for at least an hour and changes no room', async () => {
		createSyncedRoom(db, world, world.merchant.id, 1000);
		stub.handle = wechat((req) =>
			req.path === '/wxa/business/getliveinfo'
				? { json: { errcode: 45009, errmsg: 'reach max api daily quota limit' } }
				: undefined,
		);
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		const row = db.select().from(merchantRoomSource).get()!;
		expect([outcome.result, row.nextAttemptAt, row.failures, row.lastError]).toEqual([
			'quota',
			new Date(deps.now.getTime() + 3_600_000),
			1,
			'sync.error.wechat?code=45009',
		]);
	});

	it('an ended room lacking a replay gets its replay URL and expiry', async () => {
		createSyncedRoom(db, world, world.merchant.id, 1000);
		const ended = ROOMS.map((r, i) => (i === 0 ? { ...r, live_status: 103 } : r));
		stub.handle = wechat((req) => {
			const body = req.json as { start?: number; action?: string } | undefined;
			if (req.path === '/wxa/business/getliveinfo' && body?.action === undefined) {
				return { json: liveInfo(ended.slice(body!.start, body!.start! + 100), ended.length) };
			}
			return undefined;
		});
		await syncMerchant(db, world.merchant.id, deps);
		const r = db.select().from(room).where(eq(room.wxRoomId, 1000)).get()!;
		expect([r.replayUrl, r.replayExpiresAt, r.liveStatus]).toEqual([
			'https://media.example/r.mp4',
			new Date('2026-07-06T12:00:00Z'),
			103,
		]);
	});

	it('a third-party token endpoint is used instead of the AppSecret', async () => {
		saveRoomSource(
			db,
			world.merchant.id,
			{ kind: 'credentials', tokenUrl: `${stub.origin}/platform/token` },
			deps.box,
			deps.now,
		);
		stub.handle = wechat((req) =>
			req.path === '/platform/token'
				? { json: { access_token: 'tp-token', expires_in: 3600 } }
				: undefined,
		);
		await syncMerchant(db, world.merchant.id, deps);
		expect(liveCalls()[0]!.query.get('access_token')).toBe('tp-token');
	});
});

describe('parseWechatTime', () => {
	it('reads China-time strings and Unix seconds', () => {
		expect([
			parseWechatTime('2026-06-06 20:00:00'),
			parseWechatTime(1780000000),
			parseWechatTime('x'),
		]).toEqual([new Date('2026-06-06T12:00:00Z'), new Date(1780000000 * 1000), null]);
	});
});
