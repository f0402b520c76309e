/**
 * WeChat's length rules for live rooms, counted as the live plugin counts: a Han (or any other
 * non-ASCII) character is 2 units, an ASCII letter, digit or space 1 unit.
 */

/** Room title: 3–17 Chinese characters, i.e. 6–34 units. */
export const ROOM_TITLE_MIN_UNITS = 6;
export const ROOM_TITLE_MAX_UNITS = 34;
/** Anchor name: 2–15 Chinese characters, i.e. 4–30 units. */
export const ANCHOR_NAME_MIN_UNITS = 4;
export const ANCHOR_NAME_MAX_UNITS = 30;

/** The width of a string in WeChat's units (code points, so an emoji is one character of 2). */
export function getWeChatLength(s: string): number {
	let units = 0;
	for (const ch of s) units += ch.codePointAt(0)! <= 0x7f ? 1 : 2;
	return units;
}

/** Whether a trimmed title fits WeChat's rule. */
export function isValidRoomTitle(title: string): boolean {
	const units = getWeChatLength(title);
	return units >= ROOM_TITLE_MIN_UNITS && units <= ROOM_TITLE_MAX_UNITS;
}

/** Whether a trimmed anchor name fits WeChat's rule. */
export function isValidAnchorName(name: string): boolean {
	const units = getWeChatLength(name);
	return units >= ANCHOR_NAME_MIN_UNITS && units <= ANCHOR_NAME_MAX_UNITS;
}
