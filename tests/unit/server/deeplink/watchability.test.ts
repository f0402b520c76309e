/**
 * Unit (real SQLite): `room.watchable`, kept by the triggers of migration 0021, equals
 * describeWatchability — the builder /go uses — for every combination of carrier, mini program
 * and WeChat room id, and stays equal as rooms and merchants change.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { merchant, room } from '../../../../db/schema';
import { describeWatchability } from '../../../../src/lib/server/deeplink/watchability';
import { createFestivalWorld, createMerchant, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());
const { db } = temp;

/** Every room with its carrier's mini program, and whether /go would have a way in. */
function compare() {
	const rows = db
		.select({
			id: room.id,
			watchable: room.watchable,
			wxRoomId: room.wxRoomId,
			appId: merchant.appId,
			roomPagePath: merchant.roomPagePath,
			urlLink: merchant.urlLink,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.all();
	const wrong = rows.filter((r) => {
		const target =
			r.appId === null || r.roomPagePath === null
				? null
				: { appId: r.appId, roomPagePath: r.roomPagePath, urlLink: r.urlLink };
		return describeWatchability(target, r.wxRoomId).watchable !== r.watchable;
	});
	return { rows: rows.length, watchable: rows.filter((r) => r.watchable).length, wrong };
}

const w = createFestivalWorld(db);
const programs = [
	{ appId: 'wx0123456789abcdef', roomPagePath: 'pages/live/room', urlLink: null },
	{
		appId: 'wx0123456789abcdef',
		roomPagePath: 'pages/live/room',
		urlLink: 'https://wxaurl.cn/AbC123',
	},
	{ appId: 'wxNOT-AN-APPID', roomPagePath: 'pages/live/room', urlLink: null },
	{ appId: 'wx0123456789abcdef', roomPagePath: '/leading/slash', urlLink: null },
	{ appId: 'wxNOT-AN-APPID', roomPagePath: 'pages/live/room', urlLink: 'https://wxaurl.cn/AbC123' },
	{
		appId: 'wx0123456789abcdef',
		roomPagePath: 'pages/live/room',
		urlLink: 'https://evil.example/x',
	},
];
const merchants = programs.map((p) =>
	createMerchant(db, { districtId: w.district.id, categoryId: w.category.id, ...p }),
);
const base = {
	festivalId: w.festival.id,
	districtId: w.district.id,
	categoryId: w.category.id,
	startAt: new Date('2026-06-07T12:00:00Z'),
};
for (const m of merchants) {
	for (const wxRoomId of [null, 7, 123456789012])
		createRoom(db, { ...base, merchantId: m.id, wxRoomId });
}
// A showcase with no carrier, and one carried.
createRoom(db, { ...base, kind: 'showcase', wxRoomId: 9 });
createRoom(db, { ...base, kind: 'showcase', merchantId: merchants[0]!.id, wxRoomId: 10 });

describe('room.watchable', () => {
	it('equals describeWatchability for every carrier, mini program and WeChat room id', () => {
		expect(compare()).toEqual({ rows: 20, watchable: 11, wrong: [] });
	});

	it('follows a room that gets its WeChat id or a carrier, and a merchant that fixes or loses its links', () => {
		const bare = db.select().from(room).where(eq(room.merchantId, merchants[0]!.id)).all();
		db.update(room)
			.set({ wxRoomId: 42 })
			.where(eq(room.id, bare.find((r) => r.wxRoomId === null)!.id))
			.run();
		db.update(merchant)
			.set({ appId: 'wx0123456789abcdef' })
			.where(eq(merchant.id, merchants[2]!.id))
			.run();
		db.update(merchant).set({ urlLink: null }).where(eq(merchant.id, merchants[1]!.id)).run();
		const uncarried = db.select().from(room).where(eq(room.wxRoomId, 9)).get()!;
		db.update(room).set({ merchantId: merchants[0]!.id }).where(eq(room.id, uncarried.id)).run();
		expect(compare()).toEqual({ rows: 20, watchable: 14, wrong: [] });
	});
});
