import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { room } from '../../../../db/schema';
import {
	getPhaseCode,
	getRoomAttributes,
	PHASE_CODES,
} from '../../../../src/lib/server/search/room-attributes';
import { deriveLivePhase } from '../../../../src/lib/shared/live-phase';
import { createFestivalWorld, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());

describe('room attributes for search', () => {
	it('give the same live phase as deriveLivePhase for every combination', () => {
		const { db } = temp;
		const w = createFestivalWorld(db);
		const now = new Date('2026-06-06T12:00:00Z');
		const at = (m: number) => new Date(now.getTime() + m * 60_000);
		for (const s of [-180, -5, 0, 5])
			for (const len of [30, 240])
				for (const status of [null, 101, 102, 103, 105, 107])
					for (const age of [1, 16])
						for (const replay of [null, -10, 600, 'forever'] as const) {
							createRoom(db, {
								festivalId: w.festival.id,
								merchantId: w.merchant.id,
								districtId: w.district.id,
								categoryId: w.category.id,
								startAt: at(s),
								endAt: at(s + len),
								liveStatus: status,
								liveStatusAt: status === null ? null : at(-age),
								replayUrl: replay === null ? null : 'https://example.com/r.mp4',
								replayExpiresAt: replay === null || replay === 'forever' ? null : at(replay),
							});
						}
		const attrs = getRoomAttributes(db);
		const rooms = db.select().from(room).all();
		const mismatches = rooms.filter(
			(r) => PHASE_CODES[getPhaseCode(attrs, r.id, now.getTime())] !== deriveLivePhase(r, now),
		);
		expect([rooms.length, mismatches]).toEqual([384, []]);
	});

	it('are rebuilt after a change that the generation counter records', () => {
		const { db } = temp;
		const before = getRoomAttributes(db);
		const id = db.select({ id: room.id }).from(room).limit(1).get()!.id;
		expect(getRoomAttributes(db)).toBe(before);
		db.update(room).set({ reviewStatus: 'rejected' }).where(eq(room.id, id)).run();
		const after = getRoomAttributes(db);
		expect([after === before, after.count, after.festivalId[id]]).toEqual([
			false,
			before.count - 1,
			0,
		]);
	});
});
