import { getDayBounds, getInstantFromZoned, getZonedParts } from './time';

/**
 * The times of day a citizen picks tonight by, in the festival's wall clock: hours [from, to) of a
 * festival day. Together they cover the whole day, each starting on a whole hour, so a part's
 * bounds are whole tally slots (room/tally.ts) and its counts cost no more than a day's.
 */
export const DAY_PARTS = [
	{ code: 'morning', from: 0, to: 12 },
	{ code: 'afternoon', from: 12, to: 18 },
	{ code: 'evening', from: 18, to: 22 },
	{ code: 'night', from: 22, to: 24 },
] as const;

export type DayPart = (typeof DAY_PARTS)[number]['code'];
export const DAY_PART_CODES = DAY_PARTS.map((p) => p.code) as readonly DayPart[];

/** The instants [start, end) of a part of a festival day (the whole day without a part). */
export function getPartBounds(
	day: string,
	part: DayPart | undefined,
	timeZone: string,
): { start: Date; end: Date } {
	const whole = getDayBounds(day, timeZone);
	const spec = DAY_PARTS.find((p) => p.code === part);
	if (!spec) return whole;
	return {
		start: getInstantFromZoned(day, spec.from, 0, timeZone),
		end: spec.to === 24 ? whole.end : getInstantFromZoned(day, spec.to, 0, timeZone),
	};
}

/** The part of the day an instant falls in (festival wall clock). */
export function findDayPart(instant: Date, timeZone: string): DayPart {
	const hour = getZonedParts(instant, timeZone).hour;
	return DAY_PARTS.find((p) => hour >= p.from && hour < p.to)!.code;
}
