import { and, eq, sql, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';

/**
 * "The public may see this room", in SQL: in the given festival (the page checks that it is
 * published) and `is_public`, which triggers keep equal to the rule of shared/visibility-rule.ts —
 * approved, and for rooms carried by a merchant, the merchant approved — compiled into
 * db/migrations/0009_public_tally.sql (the same rule's in-memory form is `isRoomPublic`), so a
 * suspended merchant's rooms leave the site in the same transaction. Written as the literal
 * `is_public = 1` so SQLite can use the partial indexes over public rooms (db/schema/room.ts); no
 * join is needed.
 */
export function getPublicRoomCondition(festivalId: number): SQL {
	return and(eq(room.festivalId, festivalId), sql`${room.isPublic} = 1`) as SQL;
}
