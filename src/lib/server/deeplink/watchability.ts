import { buildRoomLinks, type MiniProgramTarget, type MissingPart } from './room-links';

/**
 * The one definition of "a citizen can watch this room": /go has at least one way in — the
 * carrying merchant's AppID and room page with the room's WeChat id (URL Scheme, open tag), or the
 * merchant's URL Link. It is the very builder /go uses, so a room called watchable always gets a
 * working button. `room.watchable` is kept by triggers that call this function
 * (db/migrations/0021_watchable_rooms.sql, registered as `lf_watchable`).
 */
export interface Watchability {
	watchable: boolean;
	/** What /go lacks for a direct way in (empty when the URL Scheme can be built). */
	missing: MissingPart[];
}

/**
 * A slug longer than any festival's (the demo's has 12 characters): the attribution /go adds grows
 * with the slug, so a room judged with this one has a link short enough for the real festival.
 */
const LONGEST_SLUG = 'x'.repeat(64);

export function describeWatchability(
	target: MiniProgramTarget | null,
	wxRoomId: number | null,
): Watchability {
	const links = buildRoomLinks(target, wxRoomId, LONGEST_SLUG);
	return { watchable: links.scheme !== null || links.urlLink !== null, missing: links.missing };
}

/** `describeWatchability` over a merchant's columns, as the triggers call it (1 or 0). */
export function isWatchableRoom(
	appId: string | null,
	roomPagePath: string | null,
	urlLink: string | null,
	wxRoomId: number | null,
): boolean {
	const target = appId === null || roomPagePath === null ? null : { appId, roomPagePath, urlLink };
	return describeWatchability(target, wxRoomId).watchable;
}
