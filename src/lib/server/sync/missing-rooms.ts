import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { merchant, room } from '../../../../db/schema';
import type { ReviewStatus } from '../../shared/status';
import type { Db } from '../db';

/** A room its merchant's mini program stopped reporting, for staff to decide on. */
export interface MissingRoom {
	id: number;
	title: string;
	startAt: Date;
	reviewStatus: ReviewStatus;
	merchantName: string | null;
	missingSince: Date;
}

/** At most this many are listed; the oldest first, since they have waited longest. */
export const MISSING_ROOMS_LIMIT = 200;

/**
 * This festival's rooms that a complete sync no longer found in the merchant's list
 * (`wx_missing_since`, set by merchant-sync.ts) and that are still live for review purposes
 * (submitted or approved), in one statement.
 */
export function listMissingRooms(db: Db, festivalId: number): MissingRoom[] {
	return db
		.select({
			id: room.id,
			title: room.title,
			startAt: room.startAt,
			reviewStatus: room.reviewStatus,
			merchantName: merchant.nameZh,
			missingSince: room.wxMissingSince,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(
			and(
				eq(room.festivalId, festivalId),
				isNotNull(room.wxMissingSince),
				inArray(room.reviewStatus, ['submitted', 'approved']),
			),
		)
		.orderBy(asc(room.wxMissingSince), asc(room.id))
		.limit(MISSING_ROOMS_LIMIT)
		.all()
		.map((r) => ({ ...r, missingSince: r.missingSince! }));
}
