import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { merchantRoomSource, room } from '../../../../db/schema';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import type { Business } from '../merchant/registration';
import { importLiveRooms, summarizeImport, type ImportRow } from '../room/import';
import type { RoomListing } from './room-source';

/** What a successful fetch hands over to be written: the listing and the call budget's state. */
export interface SyncListingInput {
	business: Business;
	festival: Festival;
	listing: RoomListing;
	now: Date;
	budget: { hourStart: Date; used: number };
}

const ACTOR = { kind: 'system', name: 'sync-wechat' } as const;

/**
 * Reported rooms get `wx_reported_at` (and lose `wx_missing_since`); when the listing is the
 * merchant's whole list, this festival's rooms it lacks get `wx_missing_since`: they are kept,
 * since a room missing from one answer may be a merchant's mistake, and staff decide.
 */
function markReported(
	db: Db,
	merchantId: number,
	festivalId: number,
	listing: RoomListing,
	now: Date,
): number {
	const ids = listing.rooms.map((r) => r.roomid);
	const mine = and(eq(room.merchantId, merchantId), isNotNull(room.wxRoomId));
	if (ids.length > 0) {
		db.update(room)
			.set({ wxReportedAt: now, wxMissingSince: null })
			.where(
				and(mine, sql`${room.wxRoomId} in (select value from json_each(${JSON.stringify(ids)}))`),
			)
			.run();
	}
	for (const [roomid, replay] of listing.replays) {
		db.update(room)
			.set({ replayUrl: replay.mediaUrl, replayExpiresAt: replay.expiresAt })
			.where(and(mine, eq(room.wxRoomId, roomid)))
			.run();
	}
	if (!listing.complete) return 0;
	return db
		.update(room)
		.set({ wxMissingSince: now })
		.where(
			and(
				mine,
				eq(room.festivalId, festivalId),
				isNull(room.wxMissingSince),
				ids.length > 0
					? sql`${room.wxRoomId} not in (select value from json_each(${JSON.stringify(ids)}))`
					: sql`1`,
			),
		)
		.run().changes;
}

/**
 * Writes one merchant's fetched listing in one transaction: the rooms through the importer in
 * `sync` mode (upsert by merchant + roomid; staff decisions kept; a newly banned room back to
 * review), then reported/missing marks and replays, then the source's status row. Runs on the
 * import thread in the server (room/import-thread.ts): a merchant's list may hold thousands.
 */
export function applySyncListing(
	db: Db,
	input: SyncListingInput,
	onProgress?: (done: number, total: number) => void,
): { rows: ImportRow[]; missing: number } {
	const { business, festival, listing, now, budget } = input;
	return db.$client.transaction(() => {
		const rows = importLiveRooms(db, listing.rooms, {
			business,
			festival,
			actor: ACTOR,
			now,
			mode: 'sync',
			onProgress,
		});
		const missing = markReported(db, business.id, festival.id, listing, now);
		db.update(merchantRoomSource)
			.set({
				callsHourStart: budget.hourStart,
				callsThisHour: budget.used,
				lastSyncAt: now,
				lastResult: 'ok',
				lastError: null,
				failures: 0,
				nextAttemptAt: null,
				lastSummary: { ...summarizeImport(rows), missing },
			})
			.where(eq(merchantRoomSource.merchantId, business.id))
			.run();
		return { rows, missing };
	})();
}
