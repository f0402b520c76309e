import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvent } from '../../../../db/schema';
import type { Db } from '../../../../src/lib/server/db';
import {
	HOME_FEATURED_LIMIT,
	listFeaturedCards,
} from '../../../../src/lib/server/festival/overview';
import { addFeatured, reorderFeatured } from '../../../../src/lib/server/staff/featured';
import { createFestivalWorld, createRoom } from '../../../support/factories';
import { createStaffUser } from '../../../support/staff-factories';
import { createTempDb } from '../../../support/temp-db';

const shanghai = (local: string) => new Date(`${local}+08:00`);

let temp: ReturnType<typeof createTempDb>;
let db: Db;
let ctx: Parameters<typeof addFeatured>[0];
let world: ReturnType<typeof createFestivalWorld>;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
	world = createFestivalWorld(db);
	const staff = createStaffUser(db, 'staff');
	ctx = {
		db,
		user: {
			id: staff.id,
			email: staff.email,
			role: 'staff',
			districtId: null,
			businessName: null,
			twoFactorEnrolled: false,
		},
		festival: world.festival,
		now: new Date('2026-06-07T04:00:00Z'),
	};
});
afterEach(() => temp.cleanup());

let nextWxRoomId = 5001;
/** A room with a way in (a WeChat room id): only watchable rooms can be featured. */
function roomOn(day: string, title: string) {
	return createRoom(db, {
		wxRoomId: nextWxRoomId++,
		festivalId: world.festival.id,
		merchantId: world.merchant.id,
		districtId: world.district.id,
		categoryId: world.category.id,
		title,
		startAt: shanghai(`${day}T19:00`),
	});
}

describe('featured rooms per festival day', () => {
	it('ranks are per start day: each day starts at 1', () => {
		const results = [
			roomOn('2026-06-06', '六号甲'),
			roomOn('2026-06-07', '七号甲'),
			roomOn('2026-06-07', '七号乙'),
		].map((r) => addFeatured(ctx, r.id));
		expect(results).toEqual([
			{ ok: true, day: '2026-06-06', rank: 1 },
			{ ok: true, day: '2026-06-07', rank: 1 },
			{ ok: true, day: '2026-06-07', rank: 2 },
		]);
	});

	it('the home page shows today’s featured during the festival and the first day’s before it', () => {
		for (const [day, title] of [
			['2026-06-06', '六号甲'],
			['2026-06-07', '七号甲'],
			['2026-06-07', '七号乙'],
		] as const) {
			addFeatured(ctx, roomOn(day, title).id);
		}
		const titles = (now: string) =>
			listFeaturedCards(db, world.festival, new Date(now)).map((c) => c.title.zh);
		expect([
			titles('2026-06-07T04:00:00Z'),
			titles('2026-06-01T04:00:00Z'),
			titles('2026-06-09T04:00:00Z'),
		]).toEqual([['七号甲', '七号乙'], ['六号甲'], ['六号甲']]);
	});

	it(`a day takes at most ${HOME_FEATURED_LIMIT} featured rooms`, () => {
		const rooms = Array.from({ length: HOME_FEATURED_LIMIT + 1 }, (_, i) =>
			roomOn('2026-06-08', `八号${i}`),
		);
		const results = rooms.map((r) => addFeatured(ctx, r.id).ok);
		expect(results).toEqual([...Array.from({ length: HOME_FEATURED_LIMIT }, () => true), false]);
	});

	it('a reorder naming a different set of rooms than the day has writes nothing', () => {
		const [a, b] = [roomOn('2026-06-07', '七号甲'), roomOn('2026-06-07', '七号乙')];
		addFeatured(ctx, a.id);
		addFeatured(ctx, b.id);
		const events = () => db.select().from(auditEvent).all().length;
		const before = events();
		expect([
			reorderFeatured(ctx, '2026-06-07', [b.id]),
			reorderFeatured(ctx, '2026-06-07', [b.id, b.id]),
			events() - before,
			reorderFeatured(ctx, '2026-06-07', [b.id, a.id]),
			listFeaturedCards(db, world.festival, ctx.now).map((c) => c.id),
		]).toEqual([
			{ ok: false, kind: 'conflict', message: 'staff.featured.changed' },
			{ ok: false, kind: 'conflict', message: 'staff.featured.changed' },
			0,
			{ ok: true, day: '2026-06-07' },
			[b.id, a.id],
		]);
	});
});
