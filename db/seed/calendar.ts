import { addDays, toShanghaiInstant } from './shanghai-time';

/** The instants every generator derives its timestamps from; nothing reads the wall clock. */
export interface FestivalCalendar {
	/** The three festival days, `YYYY-MM-DD` in Asia/Shanghai. */
	days: readonly [string, string, string];
	submissionOpensAt: number;
	submissionClosesAt: number;
	/** Midnight at the start of the first day, festival time. */
	startsAt: number;
	/** Noon of the middle day: rooms ending before it are the ones a demo visitor sees as ended. */
	middleNoon: number;
}

export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Lays out a three-day festival starting on `startDate`, submissions open 30 days to 1 day before. */
export function planCalendar(startDate: string): FestivalCalendar {
	const days = [startDate, addDays(startDate, 1), addDays(startDate, 2)] as const;
	return {
		days,
		submissionOpensAt: toShanghaiInstant(addDays(startDate, -30), 0).getTime(),
		submissionClosesAt: toShanghaiInstant(addDays(startDate, -1), 0).getTime(),
		startsAt: toShanghaiInstant(startDate, 0).getTime(),
		middleNoon: toShanghaiInstant(days[1], 12 * 60).getTime(),
	};
}
