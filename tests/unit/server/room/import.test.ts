import { readFileSync } from 'node:fs';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { room, roomProduct } from '../../../../db/schema';
import type { Db } from '../../../../src/lib/server/db';
import { importLiveRooms, summarizeImport } from '../../../../src/lib/server/room/import';
import {
	IMPORT_CLI_MAX_BYTES,
	parseLiveInfo,
	type LiveRoom,
} from '../../../../src/lib/server/wechat/live-info';
import {
	createCategory,
	createDistrict,
	createFestival,
	createMerchant,
	createRoom,
} from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const FIXTURE = readFileSync(
	path.join(import.meta.dirname, '../../../fixtures/getliveinfo-sample.json'),
);
const NOW = new Date('2020-06-04T00:00:00Z');

function sampleRooms(): LiveRoom[] {
	const parsed = parseLiveInfo(FIXTURE, IMPORT_CLI_MAX_BYTES);
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.rooms;
}

let temp: ReturnType<typeof createTempDb>;
let db: Db;
let world: {
	festival: ReturnType<typeof createFestival>;
	business: ReturnType<typeof createMerchant>;
};
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
	const d = createDistrict(db);
	const c = createCategory(db);
	world = {
		festival: createFestival(db, { startDate: '2020-06-06', endDate: '2020-06-08' }),
		business: createMerchant(db, { districtId: d.id, categoryId: c.id, status: 'pending' }),
	};
});
afterEach(() => temp.cleanup());

const run = (rooms: LiveRoom[], now = NOW, mode: 'import' | 'sync' = 'import') =>
	importLiveRooms(db, rooms, { ...world, actor: { kind: 'system', name: 'test' }, now, mode });

describe('importLiveRooms', () => {
	it('the sample creates the two festival rooms and skips the early and the expired one', () => {
		const rows = run(sampleRooms());
		expect(rows.map((r) => [r.wxRoomId, r.outcome, r.reason])).toEqual([
			[1021, 'created', null],
			[1022, 'created', null],
			[1023, 'skipped', 'outsideFestival'],
			[1024, 'skipped', 'expired'],
		]);
	});

	it('created rooms wait for review with times converted and goods mapped to fen prices', () => {
		run(sampleRooms(), NOW, 'sync');
		const rooms = db.select().from(room).orderBy(asc(room.wxRoomId)).all();
		const goods = db.select().from(roomProduct).orderBy(asc(roomProduct.id)).all();
		expect(
			rooms.map((r) => [
				r.wxRoomId,
				r.title,
				r.reviewStatus,
				r.startAt.toISOString(),
				r.liveStatus,
				r.merchantId,
			]),
		).toEqual([
			[
				1021,
				'荔湾老字号广式点心专场',
				'submitted',
				'2020-06-06T02:00:00.000Z',
				102,
				world.business.id,
			],
			[1022, '夏季女装新品发布', 'submitted', '2020-06-07T02:00:00.000Z', 101, world.business.id],
		]);
		expect(goods.map((g) => [g.name, g.priceType, g.price, g.price2, g.pagePath])).toEqual([
			['虾饺礼盒（12只）', 'fixed', 6800, null, 'pages/goods/detail?id=501'],
			['叉烧包家庭装', 'discount', 5900, 3990, 'pages/goods/detail?id=502'],
			['真丝连衣裙', 'range', 29900, 45900, 'pages/goods/detail?id=601'],
		]);
	});

	it('an uploaded list records no live status (its age is unknown); a sync records what it read', () => {
		run(sampleRooms());
		const uploaded = db.select().from(room).orderBy(asc(room.wxRoomId)).all();
		run(sampleRooms(), NOW, 'sync');
		const synced = db.select().from(room).orderBy(asc(room.wxRoomId)).all();
		expect([
			uploaded.map((r) => [r.liveStatus, r.liveStatusAt]),
			synced.map((r) => [r.liveStatus, r.liveStatusAt?.toISOString()]),
		]).toEqual([
			[
				[null, null],
				[null, null],
			],
			[
				[102, NOW.toISOString()],
				[101, NOW.toISOString()],
			],
		]);
	});

	it('re-importing the same file changes nothing and duplicates nothing', () => {
		run(sampleRooms());
		const rows = run(sampleRooms());
		expect([
			summarizeImport(rows),
			db.select().from(room).all().length,
			db.select().from(roomProduct).all().length,
		]).toEqual([{ created: 0, updated: 0, unchanged: 2, skipped: 2 }, 2, 3]);
	});

	it('re-importing a changed room updates it and sends an approved room back to review', () => {
		run(sampleRooms());
		db.update(room).set({ reviewStatus: 'approved' }).where(eq(room.wxRoomId, 1022)).run();
		const changed = sampleRooms();
		changed[1] = { ...changed[1]!, name: '夏季女装新品发布会', live_status: 103 };
		const rows = run(changed, NOW, 'sync');
		const updated = db.select().from(room).where(eq(room.wxRoomId, 1022)).get()!;
		expect([rows[1]!.outcome, updated.title, updated.reviewStatus, updated.liveStatus]).toEqual([
			'updated',
			'夏季女装新品发布会',
			'submitted',
			103,
		]);
	});

	it('a room the merchant cancelled is not brought back, and a banned room is not offered', () => {
		run(sampleRooms());
		db.update(room).set({ reviewStatus: 'cancelled' }).where(eq(room.wxRoomId, 1021)).run();
		const rooms = sampleRooms();
		rooms[1] = { ...rooms[1]!, live_status: 104 };
		expect(
			run(rooms)
				.slice(0, 2)
				.map((r) => [r.outcome, r.reason]),
		).toEqual([
			['skipped', 'cancelledHere'],
			['skipped', 'banned'],
		]);
	});

	it('a room id seen twice in one file is imported once', () => {
		const rooms = sampleRooms();
		const rows = run([rooms[0]!, rooms[0]!]);
		expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
			['created', null],
			['skipped', 'duplicateInFile'],
		]);
	});

	it('a cover uploaded on the portal survives a re-import', () => {
		const d = world.business;
		createRoom(db, {
			festivalId: world.festival.id,
			merchantId: d.id,
			districtId: d.districtId,
			categoryId: d.categoryId,
			wxRoomId: 1021,
			title: '荔湾老字号广式点心专场',
			coverUrl: '/media/0123456789abcdef0123456789abcdef.png',
			startAt: new Date('2020-06-06T02:00:00Z'),
			endAt: new Date('2020-06-06T04:00:00Z'),
		});
		run(sampleRooms());
		expect(db.select().from(room).where(eq(room.wxRoomId, 1021)).get()!.coverUrl).toBe(
			'/media/0123456789abcdef0123456789abcdef.png',
		);
	});
});

describe('importLiveRooms and the page caches', () => {
	it('changes the public pages of approved rooms with each live-status reading, and none with an import of nothing', () => {
		run(sampleRooms());
		db.$client.exec(
			"update merchant set status = 'approved'; update room set review_status = 'approved'",
		);
		const seq = db.$client.prepare('select coalesce(max(seq), 0) from change_version').pluck();
		const changed = db.$client
			.prepare('select scope from change_version where seq > ? order by scope')
			.pluck();
		const approved = seq.get();
		// unchanged rooms: live status read again by a sync
		run(sampleRooms(), new Date(NOW.getTime() + 60_000), 'sync');
		const read = seq.get();
		run(
			sampleRooms().filter((r) => r.live_status === 107),
			new Date(NOW.getTime() + 120_000),
			'sync',
		); // only skipped rows
		const rooms = db.select({ id: room.id }).from(room).orderBy(asc(room.id)).all();
		expect([changed.all(approved), changed.all(read)]).toEqual([
			['lists', `merchant-rooms:${world.business.id}`, ...rooms.map((r) => `room:${r.id}`)],
			[],
		]);
	});
});
