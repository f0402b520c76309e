/**
 * Calendar arithmetic for the demo festival in Asia/Shanghai. China has kept UTC+8 without daylight
 * saving since 1991, so a fixed offset is exact for every date the seed can produce, and using only
 * `Date.UTC` keeps the result independent of the process's own time zone.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30. */
function parseDate(date: string): [number, number, number] {
	const match = DATE_PATTERN.exec(date);
	if (match) {
		const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
		if (new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === date) return [y, m, d];
	}
	throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
}

/** True for a real `YYYY-MM-DD` date; lets callers validate input before seeding. */
export function isCalendarDate(date: string): boolean {
	try {
		parseDate(date);
		return true;
	} catch {
		return false;
	}
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
	const [y, m, d] = parseDate(date);
	return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC instant of a wall-clock time in Shanghai; minutes past 24:00 roll into the next day. */
export function toShanghaiInstant(date: string, minuteOfDay: number): Date {
	const [y, m, d] = parseDate(date);
	return new Date(Date.UTC(y, m - 1, d) + minuteOfDay * 60_000 - OFFSET_MS);
}

/** The Shanghai calendar date at an instant: what "today" means to the festival. */
export function formatShanghaiDate(instant: Date): string {
	return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
