import { and, eq, sql } from 'drizzle-orm';
import { deeplinkOpen, merchant, room } from '../../../../db/schema';
import type { DeeplinkChannel } from '../../shared/status';
import { getDayKey } from '../../shared/time';
import type { Db } from '../db';
import { getPublicRoomCondition } from '../room/visibility';

/**
 * What counts as an "open" (one row per room, channel and festival-zone day; no personal data —
 * no IP, no user agent, no cookie):
 * - `scheme`, `urllink`: the /go page's script reports a tap on the link, or the attempt it makes
 *   by itself on load on a phone (POST /api/rooms/{id}/open);
 * - `opentag`: WeChat's `launch` event on the open tag, i.e. WeChat confirmed it opened;
 * - `qr`: a scan of a desktop QR code, seen as a request for /go with `?from=qr`.
 * Page views of /go are not opens: a link preview or a bot would count, and nobody got in.
 */
export function recordDeeplinkOpen(
	db: Db,
	open: { roomId: number; channel: DeeplinkChannel; at: Date; timezone: string },
): void {
	db.insert(deeplinkOpen)
		.values({
			roomId: open.roomId,
			channel: open.channel,
			day: getDayKey(open.at, open.timezone),
			count: 1,
		})
		.onConflictDoUpdate({
			target: [deeplinkOpen.roomId, deeplinkOpen.channel, deeplinkOpen.day],
			set: { count: sql`${deeplinkOpen.count} + 1` },
		})
		.run();
}

/** Whether a room is public in the festival: an open is counted only for rooms anyone can see. */
export function isPublicRoom(db: Db, festivalId: number, roomId: number): boolean {
	const row = db
		.select({ id: room.id })
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(and(getPublicRoomCondition(festivalId), eq(room.id, roomId)))
		.get();
	return row !== undefined;
}
