import { asc, desc, sql, type SQL } from 'drizzle-orm';
import { room, roomVenue } from '../../../../db/schema';
import type { PhaseFilter, RoomKind } from '../../shared/status';
import type { RoomCard } from '../../shared/room-card';
import type { Db } from '../db';
import { listRoomCards } from '../room/cards';
import { getPhaseFilterSql, type PhaseColumns } from '../room/phase-sql';
import { findLongestDuration } from '../room/tally';

/**
 * A venue's rooms from `room_venue` (db/schema/venue.ts), whose indexes carry each member's times,
 * status time, watchability and kind: a page's ids are read on one index of the venue alone —
 * a phase checked on the index until a row is on the page — then the cards for those ids only.
 */

const VENUE_COLUMNS: PhaseColumns = {
	startAt: roomVenue.startAt,
	endAt: roomVenue.endAt,
	liveStatusAt: roomVenue.liveStatusAt,
};

type VenueIndex =
	'room_venue_start_idx' | 'room_venue_kind_idx' | 'room_venue_watch_idx' | 'room_venue_end_idx';

export interface VenueRoomQuery {
	venueId: number;
	now: Date;
	/** Starting at or after, and before (UTC ms). */
	from?: number;
	to?: number;
	kind?: RoomKind;
	watchable?: boolean;
	phase?: PhaseFilter;
	/** The festival's longest room, bounding how far back a live or upcoming room can start. */
	longestMs?: number;
	order: 'asc' | 'desc';
	limit: number;
	offset?: number;
	/** Which of the venue's indexes: by default kind's when a kind is asked, else by start. */
	index?: VenueIndex;
	/** An extra condition on the room_venue row or the room (joined for phases). */
	where?: SQL;
}

/** The statement choosing a page of the venue's room ids, in the index's own order. */
export function selectVenueRoomIds(q: VenueRoomQuery): SQL {
	const index =
		q.index ??
		(q.watchable !== undefined
			? 'room_venue_watch_idx'
			: q.kind
				? 'room_venue_kind_idx'
				: 'room_venue_start_idx');
	const terms: SQL[] = [sql`${roomVenue.venueId} = ${q.venueId}`];
	if (q.watchable !== undefined) terms.push(sql`${roomVenue.watchable} = ${q.watchable ? 1 : 0}`);
	if (q.kind) terms.push(sql`${roomVenue.kind} = ${q.kind}`);
	if (q.from !== undefined) terms.push(sql`${roomVenue.startAt} >= ${q.from}`);
	if (q.to !== undefined) terms.push(sql`${roomVenue.startAt} < ${q.to}`);
	if (q.phase) terms.push(getPhaseFilterSql(q.phase, q.now, q.longestMs, VENUE_COLUMNS));
	if (q.where) terms.push(q.where);
	const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
	// The room is joined only when a phase needs its status (the index holds the rest).
	const join = q.phase ? sql` inner join ${room} on ${room.id} = ${roomVenue.roomId}` : sql``;
	return sql`select ${roomVenue.roomId} from ${roomVenue} indexed by ${sql.identifier(index)}${join}
		where ${sql.join(terms, sql` and `)}
		order by ${roomVenue.startAt} ${dir}, ${roomVenue.endAt} ${dir}, ${roomVenue.liveStatusAt} ${dir}, ${roomVenue.roomId} ${dir}
		limit ${q.limit} offset ${q.offset ?? 0}`;
}

/** Cards for a page of the venue's rooms, in the order asked. */
export function listVenueRoomCards(db: Db, festivalId: number, q: VenueRoomQuery): RoomCard[] {
	const dir = q.order === 'asc' ? asc : desc;
	return listRoomCards(db, {
		festivalId,
		now: q.now,
		idsFrom: selectVenueRoomIds(q),
		orderBy: [dir(room.startAt), dir(room.endAt), dir(room.liveStatusAt), dir(room.id)],
		limit: q.limit,
	});
}

/**
 * The venue's rooms live now, those citizens can open first, each group latest start first (as
 * the home page's rail, festival/overview.ts `listLiveCards`): read backwards from now on
 * room_venue_watch_idx, stopping at the limit.
 */
export function listVenueLiveCards(
	db: Db,
	festivalId: number,
	venueId: number,
	now: Date,
	limit: number,
): RoomCard[] {
	const longestMs = findLongestDuration(db, festivalId);
	const base = {
		venueId,
		now,
		phase: 'live' as const,
		longestMs,
		order: 'desc' as const,
		where: sql`${roomVenue.startAt} <= ${now.getTime()}`,
	};
	const watchable = listVenueRoomCards(db, festivalId, { ...base, watchable: true, limit });
	if (watchable.length >= limit) return watchable;
	const rest = listVenueRoomCards(db, festivalId, {
		...base,
		watchable: false,
		limit: limit - watchable.length,
	});
	return [...watchable, ...rest];
}

/**
 * The venue's featured rooms in the curators' order, those still members only (a room that left
 * the venue, or the public, drops out by itself).
 */
export function listVenueFeaturedCards(
	db: Db,
	festivalId: number,
	venueId: number,
	featured: readonly number[],
	now: Date,
): RoomCard[] {
	if (featured.length === 0) return [];
	const cards = listRoomCards(db, {
		festivalId,
		now,
		idsFrom: sql`select ${roomVenue.roomId} from ${roomVenue} where ${roomVenue.venueId} = ${venueId}
			and ${roomVenue.roomId} in (select value from json_each(${JSON.stringify(featured)}))`,
		limit: featured.length,
	});
	const rank = new Map(featured.map((id, i) => [id, i]));
	return cards.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}
