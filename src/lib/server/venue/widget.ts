import { sql } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { RoomCard } from '../../shared/room-card';
import { venueScope } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { listRoomCards } from '../room/cards';
import { getPhaseFilterSql } from '../room/phase-sql';
import { countLiveNow, findLongestDuration } from '../room/tally';
import { listVenueLiveCards, listVenueRoomCards } from './venue-rooms';

/** Rooms in each of the widget's two lists: it sits in a sidebar of someone else's page. */
export const WIDGET_LIMIT = 5;

export interface Widget {
	live: RoomCard[];
	liveTotal: number;
	next: RoomCard[];
}

/** A venue's widget: what is live now (watchable first) and the next rooms to start. */
export function loadVenueWidget(db: Db, f: Festival, venueId: number, now: Date): Widget {
	notePageDependsOn(venueScope(venueId));
	return {
		live: listVenueLiveCards(db, f.id, venueId, now, WIDGET_LIMIT),
		liveTotal: countLiveNow(db, f.id, now, { venueId }),
		next: listVenueRoomCards(db, f.id, {
			venueId,
			now,
			from: now.getTime() + 1,
			order: 'asc',
			limit: WIDGET_LIMIT,
		}),
	};
}

/**
 * A district's widget, by the rooms' own district (room_public_district_idx), whatever venues
 * say: what a district's own site shows of itself.
 */
export function loadDistrictWidget(db: Db, f: Festival, districtId: number, now: Date): Widget {
	const inDistrict = sql`${room.districtId} = ${districtId}`;
	const longestMs = findLongestDuration(db, f.id);
	const live = listRoomCards(db, {
		festivalId: f.id,
		now,
		index: 'room_public_district_idx',
		where: sql`${inDistrict} and ${room.startAt} <= ${now.getTime()} and ${getPhaseFilterSql('live', now, longestMs)}`,
		orderBy: [
			sql`${room.startAt} desc`,
			sql`${room.endAt} desc`,
			sql`${room.liveStatusAt} desc`,
			sql`${room.id} desc`,
		],
		limit: WIDGET_LIMIT,
	});
	return {
		live,
		liveTotal: countLiveNow(db, f.id, now, { districtId }),
		next: listRoomCards(db, {
			festivalId: f.id,
			now,
			index: 'room_public_district_idx',
			where: sql`${inDistrict} and ${room.startAt} > ${now.getTime()}`,
			orderBy: [
				sql`${room.startAt}`,
				sql`${room.endAt}`,
				sql`${room.liveStatusAt}`,
				sql`${room.id}`,
			],
			limit: WIDGET_LIMIT,
		}),
	};
}
