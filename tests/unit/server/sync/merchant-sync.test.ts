import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { merchantRoomSource, room } from '../../../../db/schema';
import type { Db } from '../../../../src/lib/server/db';
import { BANNED_REASON } from '../../../../src/lib/server/room/import';
import { syncMerchant, type SyncDeps } from '../../../../src/lib/server/sync/merchant-sync';
import { saveRoomSource } from '../../../../src/lib/server/sync/source-settings';
import { createFestivalWorld } from '../../../support/factories';
import {
	liveInfo,
	liveRoom,
	startWechatStub,
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
		{ kind: 'feed', feedUrl: `${stub.origin}/feed` },
		deps.box,
		deps.now,
	);
});
afterEach(() => temp.cleanup());

const roomOf = (wx: number) => db.select().from(room).where(eq(room.wxRoomId, wx)).get()!;
const sourceRow = () =>
	db
		.select()
		.from(merchantRoomSource)
		.where(eq(merchantRoomSource.merchantId, world.merchant.id))
		.get()!;

describe('syncMerchant from a feed URL', () => {
	it('new rooms are created and wait for review; the summary is recorded', async () => {
		stub.handle = () => ({ json: liveInfo([liveRoom(1), liveRoom(2)]) });
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		expect([outcome.result, outcome.rows.map((r) => r.outcome), roomOf(1).reviewStatus]).toEqual([
			'ok',
			['created', 'created'],
			'submitted',
		]);
		expect([sourceRow().lastResult, sourceRow().lastSummary]).toEqual([
			'ok',
			{ created: 2, updated: 0, unchanged: 0, skipped: 0, missing: 0 },
		]);
	});

	it('a live status updates an approved room without sending it back to review', async () => {
		createSyncedRoom(db, world, world.merchant.id, 7);
		stub.handle = () => ({ json: liveInfo([liveRoom(7, { live_status: 101 })]) });
		await syncMerchant(db, world.merchant.id, deps);
		const r = roomOf(7);
		expect([r.reviewStatus, r.liveStatus, r.liveStatusAt, r.wxReportedAt]).toEqual([
			'approved',
			101,
			deps.now,
			deps.now,
		]);
	});

	it('a rejected room stays rejected even when its content changed', async () => {
		createSyncedRoom(db, world, world.merchant.id, 8, 'rejected');
		stub.handle = () => ({ json: liveInfo([liveRoom(8, { name: '新标题', live_status: 101 })]) });
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		expect([
			outcome.rows[0]!.reason,
			roomOf(8).reviewStatus,
			roomOf(8).title,
			roomOf(8).liveStatus,
		]).toEqual(['keptByStaff', 'rejected', '测试直播间8', 101]);
	});

	it('a room turning banned (104) leaves the public state and returns to review with the reason', async () => {
		createSyncedRoom(db, world, world.merchant.id, 9);
		stub.handle = () => ({ json: liveInfo([liveRoom(9, { live_status: 104 })]) });
		await syncMerchant(db, world.merchant.id, deps);
		const r = roomOf(9);
		expect([r.reviewStatus, r.reviewNote, r.liveStatus]).toEqual(['submitted', BANNED_REASON, 104]);
	});

	it('a banned room that staff approve again is not sent back by the next sync', async () => {
		createSyncedRoom(db, world, world.merchant.id, 9);
		stub.handle = () => ({ json: liveInfo([liveRoom(9, { live_status: 104 })]) });
		await syncMerchant(db, world.merchant.id, deps);
		db.update(room).set({ reviewStatus: 'approved' }).where(eq(room.wxRoomId, 9)).run();
		await syncMerchant(db, world.merchant.id, deps);
		expect(roomOf(9).reviewStatus).toBe('approved');
	});

	it('a room the feed drops is marked as no longer reported, not deleted; it returns when listed again', async () => {
		createSyncedRoom(db, world, world.merchant.id, 1);
		createSyncedRoom(db, world, world.merchant.id, 2);
		stub.handle = () => ({ json: liveInfo([liveRoom(1)]) });
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		expect([
			outcome.missing,
			roomOf(2).wxMissingSince,
			roomOf(2).reviewStatus,
			roomOf(1).wxMissingSince,
		]).toEqual([1, deps.now, 'approved', null]);
		stub.handle = () => ({ json: liveInfo([liveRoom(1), liveRoom(2)]) });
		await syncMerchant(db, world.merchant.id, deps);
		expect(roomOf(2).wxMissingSince).toBe(null);
	});

	it('a listing whose total exceeds its rooms marks nothing as missing', async () => {
		createSyncedRoom(db, world, world.merchant.id, 2);
		stub.handle = () => ({ json: liveInfo([liveRoom(1)], 5) });
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		expect([outcome.missing, roomOf(2).wxMissingSince]).toEqual([0, null]);
	});

	it('malformed JSON fails the sync, changes no room and backs off', async () => {
		createSyncedRoom(db, world, world.merchant.id, 1);
		stub.handle = () => ({ raw: '{"errcode":0,"room_info":[' });
		const outcome = await syncMerchant(db, world.merchant.id, deps);
		const s = sourceRow();
		expect([
			outcome.result,
			s.lastError,
			s.failures,
			s.nextAttemptAt,
			roomOf(1).wxMissingSince,
		]).toEqual(['failed', 'import.notJson', 1, new Date(deps.now.getTime() + 60_000), null]);
	});

	it('failures in a row back off exponentially, and a sync during the backoff is skipped', async () => {
		stub.handle = () => ({ status: 500 });
		await syncMerchant(db, world.merchant.id, { ...deps, force: true });
		await syncMerchant(db, world.merchant.id, { ...deps, force: true });
		await syncMerchant(db, world.merchant.id, { ...deps, force: true });
		const skipped = await syncMerchant(db, world.merchant.id, deps);
		expect([sourceRow().failures, sourceRow().nextAttemptAt, skipped.message]).toEqual([
			3,
			new Date(deps.now.getTime() + 4 * 60_000),
			'sync.skip.backoff',
		]);
	});

	it('an oversized feed fails as too large', async () => {
		stub.handle = () => ({ raw: Buffer.alloc(70 * 1024, ' ') });
		expect((await syncMerchant(db, world.merchant.id, deps)).message).toBe('sync.error.tooLarge');
	});

	it('a feed that times out fails as a timeout', async () => {
		stub.handle = () => ({ delayMs: 1200, json: liveInfo([]) });
		expect((await syncMerchant(db, world.merchant.id, deps)).message).toBe('sync.error.timeout');
	});

	it('a feed redirecting to a private address is refused', async () => {
		stub.handle = () => ({ status: 302, headers: { location: 'http://10.0.0.5/feed' } });
		expect((await syncMerchant(db, world.merchant.id, deps)).message).toBe(
			'sync.error.blockedAddress',
		);
	});

	it('the hourly call budget stops syncing until the hour is over', async () => {
		stub.handle = () => ({ json: liveInfo([]) });
		const small = { ...deps, callsPerHour: 1 };
		await syncMerchant(db, world.merchant.id, small);
		const second = await syncMerchant(db, world.merchant.id, small);
		expect([
			second.result,
			second.message,
			sourceRow().nextAttemptAt,
			stub.requests.length,
		]).toEqual(['quota', 'sync.error.budget?limit=1', new Date(deps.now.getTime() + 3_600_000), 1]);
	});
});
