import { eq } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { RoomCard } from '../../shared/room-card';
import type { Db } from '../db';
import { listRoomCards } from './cards';

/** A festival has tens of showcase sessions, not thousands: one page holds them all. */
const SHOWCASE_LIMIT = 500;

/** Every public government showcase session of a festival, in time order. */
export function listShowcaseCards(db: Db, festivalId: number, now: Date): RoomCard[] {
	return listRoomCards(db, {
		festivalId,
		now,
		where: eq(room.kind, 'showcase'),
		index: 'room_public_kind_idx',
		limit: SHOWCASE_LIMIT,
	});
}
