/**
 * "My festival": the rooms a citizen starred, kept in the browser (no account) and carried in URLs
 * as `rooms=12-40-731` — ascending, without duplicates — so the same list always gives the same
 * URL (cacheable, comparable) and a shared link or a calendar feed needs no server state.
 * Browser-safe: the star island, /my and the feed endpoint share it.
 */

/** The most rooms one list holds; a longer list is cut (the URL must stay well under 2 KB). */
export const MY_FESTIVAL_MAX_ROOMS = 100;
/** The URL parameter. */
export const MY_FESTIVAL_PARAM = 'rooms';
/** Where the browser keeps the list. */
export const MY_FESTIVAL_STORAGE_KEY = 'livefest.my-festival.v1';

const ID = /^[1-9]\d{0,9}$/;

/** Valid ids, ascending, once each, at most MY_FESTIVAL_MAX_ROOMS. */
export function normalizeRoomIds(ids: Iterable<number>): number[] {
	const unique = new Set<number>();
	for (const id of ids) if (Number.isSafeInteger(id) && id > 0 && id < 1e10) unique.add(id);
	return [...unique].sort((a, b) => a - b).slice(0, MY_FESTIVAL_MAX_ROOMS);
}

/** The ids in a `rooms` value; anything that is not a room id is skipped, never an error. */
export function parseRoomList(raw: string | null | undefined): number[] {
	if (!raw) return [];
	const ids: number[] = [];
	for (const token of raw.split(/[-,.\s]+/).slice(0, MY_FESTIVAL_MAX_ROOMS * 4)) {
		if (ID.test(token)) ids.push(Number(token));
	}
	return normalizeRoomIds(ids);
}

/** The `rooms` value for a list (empty string for none). */
export function formatRoomList(ids: Iterable<number>): string {
	return normalizeRoomIds(ids).join('-');
}

/** `?rooms=…` for a list, or '' when it is empty. */
export function buildRoomListSearch(ids: Iterable<number>): string {
	const value = formatRoomList(ids);
	return value ? `?${MY_FESTIVAL_PARAM}=${value}` : '';
}

/** Whether two lists hold the same rooms. */
export function isSameRoomList(a: Iterable<number>, b: Iterable<number>): boolean {
	return formatRoomList(a) === formatRoomList(b);
}

/** `webcal://` for an http(s) feed URL, which calendar apps open as a subscription. */
export function toWebcalUrl(feedUrl: string): string {
	return feedUrl.replace(/^https?:\/\//, 'webcal://');
}

export interface TimedRoom {
	id: number;
	startAt: number;
	endAt: number;
}

/**
 * For each room, the other rooms of the list that overlap it in time (half-open intervals: one
 * ending at 20:00 and one starting at 20:00 do not clash), by ascending id. Rooms with no clash
 * are absent.
 */
export function findTimeConflicts(rooms: readonly TimedRoom[]): Map<number, number[]> {
	const sorted = [...rooms].sort((a, b) => a.startAt - b.startAt || a.id - b.id);
	const conflicts = new Map<number, number[]>();
	const add = (a: number, b: number) => conflicts.set(a, [...(conflicts.get(a) ?? []), b]);
	for (let i = 0; i < sorted.length; i++) {
		const a = sorted[i]!;
		for (let j = i + 1; j < sorted.length && sorted[j]!.startAt < a.endAt; j++) {
			const b = sorted[j]!;
			if (b.endAt > a.startAt) {
				add(a.id, b.id);
				add(b.id, a.id);
			}
		}
	}
	for (const ids of conflicts.values()) ids.sort((x, y) => x - y);
	return conflicts;
}
