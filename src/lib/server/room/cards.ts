import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { category, district, merchant, room, showcaseHost } from '../../../../db/schema';
import type { HostSummary, RoomCard } from '../../shared/room-card';
import type { Db } from '../db';
import { LISTS_SCOPE } from '../cache/change-scope';
import { notePageDependsOn, noteRoomsShown } from '../cache/policy';
import { getLivePhaseSql } from './phase-sql';
import { getPublicRoomCondition } from './visibility';

const roomDistrict = alias(district, 'room_district');
const roomCategory = alias(category, 'room_category');

/** The partial indexes over public rooms a list may be read on (db/schema/room.ts). */
export type PublicRoomIndex =
	| 'room_public_window_idx'
	| 'room_public_end_idx'
	| 'room_public_district_idx'
	| 'room_public_district_category_idx'
	| 'room_public_category_idx'
	| 'room_public_kind_idx'
	| 'room_public_status_idx'
	| 'room_public_watch_idx';

export interface CardQuery {
	festivalId: number;
	now: Date;
	where?: SQL;
	orderBy?: SQL[];
	limit: number;
	offset?: number;
	/** Which rooms the list is drawn from, for the page cache (cache/change-scope.ts); all by default. */
	scope?: string;
	/**
	 * An index the page's ids must be read on (`INDEXED BY`): SQLite's statistics cannot tell
	 * that 300 of 270,000 rooms are showcases, nor that a phase is checked on the index alone.
	 */
	index?: PublicRoomIndex;
	/** Only these rooms (a visitor's list): read by id, whatever the order asked for. */
	ids?: number[];
	/**
	 * The page's ids, already chosen, ordered and limited by a statement of the caller's (a venue's
	 * rooms from room_venue, venue/venue-rooms.ts): only public rooms may be in it.
	 */
	idsFrom?: SQL;
}

/**
 * Public room cards matching a condition, in two statements whatever the number of rows: one for
 * the rooms with their merchant, district and category, one for the hosts of any showcase rooms.
 */
export function listRoomCards(db: Db, q: CardQuery): RoomCard[] {
	const where = and(getPublicRoomCondition(q.festivalId), q.where);
	const orderBy = q.orderBy ?? [asc(room.startAt), asc(room.id)];
	// The page's ids first, on the partial indexes alone, so a deep page (OFFSET 40,000) skips
	// index entries rather than joined rows; then the joins for the page's rows only.
	const page = q.idsFrom
		? // A raw statement is set in parentheses, as a subquery must be after IN.
			sql`(${q.idsFrom})`
		: q.ids
			? // A list of ids is read by id: the unary plus keeps SQLite from walking an index in start
				// order and testing each festival room against the list instead.
				db
					.select({ id: room.id })
					.from(room)
					.where(and(where, inArray(room.id, q.ids)))
					.orderBy(sql`+${room.startAt}`, asc(room.id))
					.limit(q.limit)
			: db
					.select({ id: sql<number>`${room.id}` })
					.from(q.index ? sql`${room} INDEXED BY ${sql.identifier(q.index)}` : room)
					.where(where)
					.orderBy(...orderBy)
					.limit(q.limit)
					.offset(q.offset ?? 0);
	const rows = db
		.select({
			id: room.id,
			kind: room.kind,
			title: room.title,
			titleEn: room.titleEn,
			anchorName: room.anchorName,
			startAt: room.startAt,
			endAt: room.endAt,
			phase: getLivePhaseSql(q.now),
			liveStatusAt: room.liveStatusAt,
			replayExpiresAt: room.replayExpiresAt,
			watchable: room.watchable,
			coverKey: room.coverKey,
			merchantId: merchant.id,
			merchantName: merchant.nameZh,
			merchantNameEn: merchant.nameEn,
			districtName: roomDistrict.nameZh,
			districtNameEn: roomDistrict.nameEn,
			categoryName: roomCategory.nameZh,
			categoryNameEn: roomCategory.nameEn,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.innerJoin(roomDistrict, eq(roomDistrict.id, room.districtId))
		.innerJoin(roomCategory, eq(roomCategory.id, room.categoryId))
		.where(inArray(room.id, page))
		.orderBy(...orderBy)
		.all();
	const hosts = listHostsByRoom(
		db,
		rows.filter((r) => r.kind === 'showcase').map((r) => r.id),
	);
	noteRoomsShown(q.now, rows);
	notePageDependsOn(q.scope ?? LISTS_SCOPE);
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		title: { zh: r.title, en: r.titleEn },
		anchorName: r.anchorName,
		startAt: r.startAt,
		endAt: r.endAt,
		phase: r.phase,
		merchant:
			r.merchantId === null || r.merchantName === null
				? null
				: { id: r.merchantId, name: { zh: r.merchantName, en: r.merchantNameEn } },
		district: { zh: r.districtName, en: r.districtNameEn },
		category: { zh: r.categoryName, en: r.categoryNameEn },
		hosts: hosts.get(r.id) ?? [],
		watchable: r.watchable,
		cover: r.coverKey || null,
	}));
}

/** Hosts of the given showcase rooms, one statement (none when there are no ids). */
export function listHostsByRoom(db: Db, roomIds: number[]): Map<number, HostSummary[]> {
	const byRoom = new Map<number, HostSummary[]>();
	if (roomIds.length === 0) return byRoom;
	const rows = db
		.select()
		.from(showcaseHost)
		.where(inArray(showcaseHost.roomId, roomIds))
		.orderBy(asc(showcaseHost.roomId), asc(showcaseHost.sort), asc(showcaseHost.id))
		.all();
	for (const h of rows) {
		const list = byRoom.get(h.roomId) ?? [];
		list.push({ name: { zh: h.name, en: h.nameEn }, title: { zh: h.title, en: h.titleEn } });
		byRoom.set(h.roomId, list);
	}
	return byRoom;
}
