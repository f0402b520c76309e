import { sql } from 'drizzle-orm';
import { getDayKey } from '../../shared/time';
import { getCalendarKeys, getStarKeys } from '../auth/limit-rules';
import { consumeRateLimits, pruneRateLimits, type RateLimitKey } from '../auth/rate-limit';
import type { Db } from '../db';

/**
 * What the portal counts of its visitors for the festival's results, with no personal data: one
 * row per room and festival-zone day (`calendar_download`, `room_star`), as `deeplink_open` counts
 * opens; the results tallies follow by triggers (db/migrations/0041_result_tally.sql). The same
 * visitor again within the hour, or an address past a hundred rooms an hour (a crawler, a script),
 * is not counted (auth/limit-rules.ts; the limit's buckets hold a hash of the address for a day at
 * most). Each returns whether it counted.
 */

export interface VisitorEvent {
	roomId: number;
	/** The client address (src/serve/client-address.ts), only ever hashed into the limit's buckets. */
	address: string;
	at: Date;
	/** The festival's zone, whose day the count goes to. */
	timezone: string;
}

function countOnce(
	db: Db,
	table: 'calendar_download' | 'room_star',
	keys: RateLimitKey[],
	event: VisitorEvent,
): boolean {
	const counted = consumeRateLimits(db, keys, event.at);
	if (!counted.ok) return false;
	db.run(sql`INSERT INTO ${sql.identifier(table)} (room_id, day, count)
		VALUES (${event.roomId}, ${getDayKey(event.at, event.timezone)}, 1)
		ON CONFLICT DO UPDATE SET count = count + 1`);
	pruneRateLimits(db, event.at);
	return true;
}

/** A download of a room's calendar file (`/rooms/{id}.ics`); the file is served all the same. */
export function recordCalendarDownload(db: Db, event: VisitorEvent): boolean {
	return countOnce(db, 'calendar_download', getCalendarKeys(event.roomId, event.address), event);
}

/** A star added to a room in a visitor's browser (`POST /api/rooms/{id}/star`). */
export function recordStar(db: Db, event: VisitorEvent): boolean {
	return countOnce(db, 'room_star', getStarKeys(event.roomId, event.address), event);
}
