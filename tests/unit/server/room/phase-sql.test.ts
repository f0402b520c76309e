import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { room } from '../../../../db/schema';
import { getLivePhaseSql } from '../../../../src/lib/server/room/phase-sql';
import { deriveLivePhase } from '../../../../src/lib/shared/live-phase';
import { createFestivalWorld, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());

describe('getLivePhaseSql', () => {
	it('agrees with deriveLivePhase over every combination of schedule, status and replay', () => {
		const { db } = temp;
		const world = createFestivalWorld(db);
		const now = new Date('2026-06-06T12:00:00Z');
		const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
		// Starts and lengths put rooms before, inside, just after (in the grace) and well after their
		// window; status ages either side of LIVE_STATUS_FRESH_MS.
		const starts = [-180, -60, -50, -5, 0, 5, 60, 24 * 60];
		const lengths = [30, 90, 240];
		const statuses = [null, 101, 102, 103, 104, 105, 106, 107];
		const statusAges = [1, 9, 11, 120];
		const replays = [null, -10, 600, 'forever'] as const;
		for (const s of starts)
			for (const len of lengths)
				for (const status of statuses)
					for (const age of status === null ? [0] : statusAges)
						for (const replay of replays) {
							createRoom(db, {
								festivalId: world.festival.id,
								merchantId: world.merchant.id,
								districtId: world.district.id,
								categoryId: world.category.id,
								startAt: minutes(s),
								endAt: minutes(s + len),
								liveStatus: status,
								liveStatusAt: status === null ? null : minutes(-age),
								replayUrl: replay === null ? null : 'https://example.com/replay.mp4',
								replayExpiresAt: replay === null || replay === 'forever' ? null : minutes(replay),
							});
						}
		const rows = db
			.select({ room, phase: getLivePhaseSql(now) })
			.from(room)
			.where(eq(room.festivalId, world.festival.id))
			.all();
		const mismatches = rows.filter((r) => r.phase !== deriveLivePhase(r.room, now));
		expect(rows.length).toBeGreaterThan(1000);
		expect(mismatches).toEqual([]);
	}, 30_000); // thousands of rows: slow on a loaded machine, and no timing is asserted
});
