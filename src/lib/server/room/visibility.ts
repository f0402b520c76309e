import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { merchant, room } from '../../../../db/schema';
import { PUBLIC_ROOM_STATUSES } from '../../shared/status';

/**
 * The one definition of "the public may see this room": approved, in the given (published)
 * festival, and — for rooms carried by a merchant — the merchant is approved (a suspended
 * merchant's rooms leave the site). Callers must join `merchant` with a left join on room.merchantId.
 */
export function getPublicRoomCondition(festivalId: number): SQL {
	return and(
		eq(room.festivalId, festivalId),
		inArray(room.reviewStatus, PUBLIC_ROOM_STATUSES),
		or(isNull(room.merchantId), eq(merchant.status, 'approved')),
	) as SQL;
}
