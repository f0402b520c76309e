import { eq } from 'drizzle-orm';
import { festivalResults } from '../../../../db/schema';
import { addDays, getInstantFromZoned } from '../../shared/time';
import type { Db } from '../db';
import type { Festival } from '../festival/current';

/** Merchants may report a session's results until this many days after the festival, by default. */
export const DEFAULT_REPORT_DAYS = 7;

/** Where the festival's results stand: the report window, the staff's lock, the published page. */
export interface ResultsState {
	reportClosesAt: Date;
	lockedAt: Date | null;
	lockedBy: string | null;
	publishedAt: Date | null;
	publishedBy: string | null;
}

/** The end of the default report window: the start of the day DEFAULT_REPORT_DAYS + 1 after the end. */
export function getDefaultReportClose(f: { endDate: string; timezone: string }): Date {
	return getInstantFromZoned(addDays(f.endDate, DEFAULT_REPORT_DAYS + 1), 0, 0, f.timezone);
}

/** The festival's results state (the defaults when nothing was set: open a week after it ends). */
export function readResultsState(db: Db, f: Festival): ResultsState {
	const row = db.select().from(festivalResults).where(eq(festivalResults.festivalId, f.id)).get();
	return {
		reportClosesAt: row?.reportClosesAt ?? getDefaultReportClose(f),
		lockedAt: row?.lockedAt ?? null,
		lockedBy: row?.lockedBy ?? null,
		publishedAt: row?.publishedAt ?? null,
		publishedBy: row?.publishedBy ?? null,
	};
}
