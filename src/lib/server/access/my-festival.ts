import { findTimeConflicts } from '../../shared/my-festival';
import type { RoomCard } from '../../shared/room-card';
import { getDayKey } from '../../shared/time';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { listRoomCards } from '../room/cards';

export interface MyFestivalPlan {
	/** Starred public rooms by festival-zone day, in time order. */
	days: { day: string; rooms: RoomCard[] }[];
	/** For each room that clashes with others of the list, those rooms (see findTimeConflicts). */
	conflicts: Map<number, number[]>;
	/** Starred ids that are not (or no longer) public rooms of the festival. */
	unavailable: number;
}

/**
 * The /my page's plan for a list of room ids, in a fixed number of statements (the room cards
 * query and its showcase hosts), whatever the length of the list.
 */
export function loadMyFestivalPlan(
	db: Db,
	festival: Festival,
	ids: number[],
	now: Date,
): MyFestivalPlan {
	const rooms =
		ids.length === 0
			? []
			: listRoomCards(db, {
					festivalId: festival.id,
					now,
					ids,
					limit: ids.length,
				});
	const days: MyFestivalPlan['days'] = [];
	for (const card of rooms) {
		const day = getDayKey(card.startAt, festival.timezone);
		const last = days.at(-1);
		if (last?.day === day) last.rooms.push(card);
		else days.push({ day, rooms: [card] });
	}
	const conflicts = findTimeConflicts(
		rooms.map((r) => ({ id: r.id, startAt: r.startAt.getTime(), endAt: r.endAt.getTime() })),
	);
	return { days, conflicts, unavailable: ids.length - rooms.length };
}
