import { and, inArray } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { LivePhase } from '../../shared/status';
import type { Db } from '../db';
import { getLivePhaseSql } from '../room/phase-sql';
import { getPublicRoomCondition } from '../room/visibility';

/** The most rooms one status request may name (a schedule page shows 48). */
export const STATUS_MAX_IDS = 100;

export interface RoomStatus {
	id: number;
	phase: LivePhase;
	/** UTC milliseconds: a room that moved shows its new time. */
	startAt: number;
	endAt: number;
}

/**
 * The live phase of the given public rooms at `now`, in one statement whatever their number.
 * Ids that are not public rooms of the festival are left out.
 */
export function listRoomStatuses(
	db: Db,
	festivalId: number,
	ids: number[],
	now: Date,
): RoomStatus[] {
	if (ids.length === 0) return [];
	return db
		.select({
			id: room.id,
			phase: getLivePhaseSql(now),
			startAt: room.startAt,
			endAt: room.endAt,
		})
		.from(room)
		.where(and(getPublicRoomCondition(festivalId), inArray(room.id, ids)))
		.orderBy(room.id)
		.all()
		.map((r) => ({
			id: r.id,
			phase: r.phase,
			startAt: r.startAt.getTime(),
			endAt: r.endAt.getTime(),
		}));
}

/** Room ids from `ids=1,2,3`; null when any part is not an id or there are too many. */
export function parseStatusIds(raw: string | null): number[] | null {
	if (!raw) return [];
	const parts = raw.split(',');
	if (parts.length > STATUS_MAX_IDS) return null;
	const ids = new Set<number>();
	for (const part of parts) {
		if (!/^[1-9]\d{0,9}$/.test(part)) return null;
		ids.add(Number(part));
	}
	return [...ids].sort((a, b) => a - b);
}
