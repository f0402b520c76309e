import { sql } from 'drizzle-orm';
import { calendarDownload } from '../../../../db/schema';
import { getDayKey } from '../../shared/time';
import { getCalendarKeys } from '../auth/limit-rules';
import { consumeRateLimits, pruneRateLimits } from '../auth/rate-limit';
import type { Db } from '../db';

/**
 * Counts a download of a room's calendar file (`/rooms/{id}.ics`), for the festival's results:
 * one row per room and festival-zone day, with no personal data, as `deeplink_open` counts opens.
 * A visitor downloading the same room again within the hour, or an address past a hundred rooms
 * an hour (a crawler), is not counted (auth/limit-rules.ts; the limit's buckets hold a hash of the
 * address for a day at most) — the file is served all the same. Returns whether it counted.
 */
export function recordCalendarDownload(
	db: Db,
	download: { roomId: number; address: string; at: Date; timezone: string },
): boolean {
	const counted = consumeRateLimits(
		db,
		getCalendarKeys(download.roomId, download.address),
		download.at,
	);
	if (!counted.ok) return false;
	db.insert(calendarDownload)
		.values({ roomId: download.roomId, day: getDayKey(download.at, download.timezone), count: 1 })
		.onConflictDoUpdate({
			target: [calendarDownload.roomId, calendarDownload.day],
			set: { count: sql`${calendarDownload.count} + 1` },
		})
		.run();
	pruneRateLimits(db, download.at);
	return true;
}
