import { addDays, getInstantFromZoned, getZonedParts, isDayKey } from './time';

/**
 * When a room may run, by WeChat's creation rules and the festival's dates. Times are typed as
 * wall-clock times in the festival's zone (`2026-06-07T19:30`, what `<input type=datetime-local>`
 * sends) and become UTC instants here.
 */

export const MIN_DURATION_MS = 30 * 60_000;
export const MAX_DURATION_MS = 24 * 60 * 60_000;
/** WeChat refuses a room that starts less than 10 minutes ahead. */
export const MIN_LEAD_MS = 10 * 60_000;

const LOCAL_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::00(?:\.0+)?)?$/;

/** The instant a festival-zone wall time names; null when the text is not such a time. */
export function parseZonedDateTime(raw: string, timeZone: string): Date | null {
	const match = LOCAL_PATTERN.exec(raw.trim());
	if (!match || !isDayKey(match[1]!)) return null;
	const hour = Number(match[2]);
	const minute = Number(match[3]);
	if (hour > 23 || minute > 59) return null;
	return getInstantFromZoned(match[1]!, hour, minute, timeZone);
}

/** The first and last instants of a festival (start of its first day, end of its last). */
export function getFestivalBounds(f: { startDate: string; endDate: string; timezone: string }): {
	start: Date;
	end: Date;
} {
	return {
		start: getInstantFromZoned(f.startDate, 0, 0, f.timezone),
		end: getInstantFromZoned(addDays(f.endDate, 1), 0, 0, f.timezone),
	};
}

export type WindowProblem = 'startOutsideFestival' | 'tooShort' | 'tooLong' | 'startTooSoon';

/**
 * What is wrong with a room's times, field by field. A session must start inside the festival and
 * last 30 minutes to 24 hours (WeChat's rule), so one starting on the last evening may end after
 * the festival's last midnight. `checkLead` is false when an edit keeps the start it had: a room
 * that has begun can still have its description fixed.
 */
export function checkRoomWindow(input: {
	start: Date;
	end: Date;
	festival: { start: Date; end: Date };
	now: Date;
	checkLead: boolean;
}): { field: 'start' | 'end'; problem: WindowProblem }[] {
	const problems: { field: 'start' | 'end'; problem: WindowProblem }[] = [];
	const { start, end, festival, now } = input;
	if (start < festival.start || start >= festival.end) {
		problems.push({ field: 'start', problem: 'startOutsideFestival' });
	} else if (input.checkLead && start.getTime() < now.getTime() + MIN_LEAD_MS) {
		problems.push({ field: 'start', problem: 'startTooSoon' });
	}
	const duration = end.getTime() - start.getTime();
	if (duration < MIN_DURATION_MS) problems.push({ field: 'end', problem: 'tooShort' });
	else if (duration > MAX_DURATION_MS) problems.push({ field: 'end', problem: 'tooLong' });
	return problems;
}

/** An instant as `<input type=datetime-local>` wants it, in the festival's zone (`2026-06-07T19:30`). */
export function formatZonedInput(instant: Date, timeZone: string): string {
	const p = getZonedParts(instant, timeZone);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
