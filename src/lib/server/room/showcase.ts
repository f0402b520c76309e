import { eq } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { RoomCard } from '../../shared/room-card';
import type { Db } from '../db';
import { listRoomCards } from './cards';
import { ALL_TIME, countPublicStarts } from './tally';

/** Showcases per page: the real festival's ~300 sessions would be 300 cards on one phone page. */
export const SHOWCASE_PAGE_SIZE = 48;

export interface ShowcasePage {
	rooms: RoomCard[];
	total: number;
	page: number;
	pages: number;
}

/**
 * One page of a festival's public government showcase sessions, in time order, with the total
 * from the tally; a page past the end shows the last page.
 */
export function listShowcaseCards(db: Db, festivalId: number, now: Date, page = 1): ShowcasePage {
	const total = countPublicStarts(db, festivalId, ALL_TIME.from, ALL_TIME.to, {
		kind: 'showcase',
	});
	const pages = Math.max(1, Math.ceil(total / SHOWCASE_PAGE_SIZE));
	const current = Math.min(Math.max(1, page), pages);
	const rooms =
		total === 0
			? []
			: listRoomCards(db, {
					festivalId,
					now,
					where: eq(room.kind, 'showcase'),
					index: 'room_public_kind_idx',
					limit: SHOWCASE_PAGE_SIZE,
					offset: (current - 1) * SHOWCASE_PAGE_SIZE,
				});
	return { rooms, total, page: current, pages };
}
