import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { room } from '../../../../db/schema';
import {
	getPhaseCode,
	getRoomAttributes,
	loadRoomAttributes,
	PHASE_CODES,
	readGeneration,
	roomAttributeStats,
} from '../../../../src/lib/server/search/room-attributes';
import { withSearchTriggersOff } from '../../../../src/lib/server/search/sql-functions';
import { deriveLivePhase } from '../../../../src/lib/shared/live-phase';
import { createFestivalWorld, createRoom } from '../../../support/factories';
import { copyFileSync, rmSync } from 'node:fs';
import { openDatabase } from '../../../../src/lib/server/db';
import { createTempDb } from '../../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());

describe('room attributes for search', () => {
	it('give the same live phase as deriveLivePhase for every combination', () => {
		const { db } = temp;
		const w = createFestivalWorld(db);
		const now = new Date('2026-06-06T12:00:00Z');
		const at = (m: number) => new Date(now.getTime() + m * 60_000);
		for (const s of [-180, -50, -5, 0, 5])
			for (const len of [30, 240])
				for (const status of [null, 101, 102, 103, 105, 107])
					for (const age of [1, 11])
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
		expect([rooms.length, mismatches]).toEqual([480, []]);
	});

	it('apply a write from the change log without reloading every room', () => {
		const { db } = temp;
		const before = getRoomAttributes(db);
		const loads = roomAttributeStats.fullLoads;
		const applied = roomAttributeStats.appliedChanges;
		const [first, second] = db.select({ id: room.id }).from(room).limit(2).all();
		expect(getRoomAttributes(db)).toBe(before);
		db.update(room).set({ reviewStatus: 'rejected' }).where(eq(room.id, first!.id)).run();
		db.update(room)
			.set({ startAt: new Date('2026-06-06T01:00:00Z') })
			.where(eq(room.id, second!.id))
			.run();
		const count = before.count;
		const after = getRoomAttributes(db);
		expect([
			after.count,
			after.festivalId[first!.id],
			after.startAt[second!.id],
			after.generation === readGeneration(db.$client),
			after.idsByFestival.get(after.festivalId[second!.id]!)?.includes(first!.id),
			roomAttributeStats.fullLoads - loads,
			roomAttributeStats.appliedChanges - applied,
		]).toEqual([count - 1, 0, Date.parse('2026-06-06T01:00:00Z'), true, false, 0, 2]);
	});

	it('load in chunks for the engine and reload in full after a bulk load with triggers off', async () => {
		const { db } = temp;
		const some = db.select().from(room).where(eq(room.reviewStatus, 'approved')).get()!;
		const loaded = await loadRoomAttributes(db);
		const count = loaded.count;
		const loads = roomAttributeStats.fullLoads;
		const bulk = withSearchTriggersOff(db.$client, () =>
			createRoom(db, {
				festivalId: some.festivalId,
				merchantId: some.merchantId,
				districtId: some.districtId,
				categoryId: some.categoryId,
				startAt: some.startAt,
			}),
		);
		const after = await loadRoomAttributes(db);
		expect([after.festivalId[bulk.id], after.count, roomAttributeStats.fullLoads - loads]).toEqual([
			some.festivalId,
			count + 1,
			1,
		]);
	});
});

describe('room attributes shared by connections to one file', () => {
	it('are loaded once for the file (the server loads them before Astro’s connection asks)', async () => {
		const own = createTempDb();
		try {
			const w = createFestivalWorld(own.db);
			const base = {
				festivalId: w.festival.id,
				merchantId: w.merchant.id,
				districtId: w.district.id,
				categoryId: w.category.id,
			};
			createRoom(own.db, { ...base, startAt: new Date('2026-06-06T12:00:00Z') });
			const loads = roomAttributeStats.fullLoads;
			const first = await loadRoomAttributes(own.db);
			// Another connection to the same file, as Astro's bundle holds: no second full load, and a
			// write through it is applied from the change log.
			const other = openDatabase(own.file);
			const shared = await loadRoomAttributes(other);
			createRoom(other, { ...base, startAt: new Date('2026-06-06T13:00:00Z') });
			const after = await loadRoomAttributes(own.db);
			const sharedLoads = roomAttributeStats.fullLoads - loads;
			// A copy of the file is another file: its attributes are its own.
			const copy = own.file.replace(/test\.db$/, 'copy.db');
			other.$client.close();
			own.db.$client.pragma('wal_checkpoint(TRUNCATE)');
			copyFileSync(own.file, copy);
			const copied = openDatabase(copy);
			await loadRoomAttributes(copied);
			copied.$client.close();
			rmSync(copy, { force: true });
			expect([
				shared === first,
				sharedLoads,
				after.count,
				roomAttributeStats.fullLoads - loads,
			]).toEqual([true, 1, 2, 2]);
		} finally {
			own.cleanup();
		}
	});
});
