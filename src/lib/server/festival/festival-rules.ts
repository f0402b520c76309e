import type { FormIssue } from '../../shared/forms/parse-form';
import { parseZonedDateTime } from '../../shared/room-window';
import { getInstantFromZoned, isDayKey } from '../../shared/time';

/**
 * The rules of a festival's frame, declared once for both places that set it: the admin's
 * settings form (staff/festival-settings.ts) and the setup file (festival/setup-file.ts).
 */

/** A festival runs for days, not months: longer is a typing mistake. */
export const MAX_FESTIVAL_DAYS = 31;

/** Whether the platform knows a time zone by this IANA name (`Asia/Shanghai`). */
export function isTimeZone(name: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+\-/]{1,63}$/.test(name)) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

export interface FestivalFrameInput {
	startDate: string;
	endDate: string;
	timezone: string;
	/** Wall-clock times in the festival's zone (`2026-05-20T09:00`). */
	submissionOpens: string;
	submissionCloses: string;
}

export interface FestivalFrameCheck {
	/** Problems by field of FestivalFrameInput, as message ids (empty when the frame holds). */
	issues: FormIssue[];
	submissionOpensAt?: Date;
	submissionClosesAt?: Date;
}

/**
 * Checks a festival's dates (in order, at most MAX_FESTIVAL_DAYS) and submission window (valid
 * times in the zone, opening before it closes), and turns the window into instants.
 */
export function checkFestivalFrame(input: FestivalFrameInput): FestivalFrameCheck {
	const issues: FormIssue[] = [];
	if (!isDayKey(input.startDate) || !isDayKey(input.endDate)) {
		// Told by the date fields' own check.
	} else if (input.endDate < input.startDate) {
		issues.push({ field: 'endDate', message: 'staff.settings.endBeforeStart' });
	} else {
		const days =
			(getInstantFromZoned(input.endDate, 0, 0, 'UTC').getTime() -
				getInstantFromZoned(input.startDate, 0, 0, 'UTC').getTime()) /
				86_400_000 +
			1;
		if (days > MAX_FESTIVAL_DAYS) {
			issues.push({ field: 'endDate', message: `staff.settings.tooLong?max=${MAX_FESTIVAL_DAYS}` });
		}
	}
	// An unknown zone is told by the time zone's own check; the times cannot be read without it.
	if (!isTimeZone(input.timezone)) return { issues };
	const opens = parseZonedDateTime(input.submissionOpens, input.timezone);
	const closes = parseZonedDateTime(input.submissionCloses, input.timezone);
	if (!opens) issues.push({ field: 'submissionOpens', message: 'rooms.timeInvalid' });
	if (!closes) issues.push({ field: 'submissionCloses', message: 'rooms.timeInvalid' });
	if (opens && closes && closes <= opens) {
		issues.push({ field: 'submissionCloses', message: 'staff.settings.windowOrder' });
	}
	return {
		issues,
		submissionOpensAt: opens ?? undefined,
		submissionClosesAt: closes ?? undefined,
	};
}
