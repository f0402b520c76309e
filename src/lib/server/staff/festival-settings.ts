import { eq } from 'drizzle-orm';
import { festival } from '../../../../db/schema';
import { getInstantFromZoned } from '../../shared/time';
import { parseZonedDateTime } from '../../shared/room-window';
import { recordAuditEvent } from '../audit/record';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { invalidAll, type Outcome } from '../merchant/outcome';

/** A festival runs for days, not months: longer is a typing mistake. */
export const MAX_FESTIVAL_DAYS = 31;

export interface FestivalSettingsInput {
	nameZh: string;
	nameEn: string;
	startDate: string;
	endDate: string;
	timezone: string;
	/** Wall-clock times in the (new) time zone, as `<input type=datetime-local>` sends them. */
	submissionOpens: string;
	submissionCloses: string;
	published: boolean;
}

function settingsOf(f: Festival): Record<string, unknown> {
	return {
		nameZh: f.nameZh,
		nameEn: f.nameEn,
		startDate: f.startDate,
		endDate: f.endDate,
		timezone: f.timezone,
		submissionOpensAt: f.submissionOpensAt?.toISOString() ?? null,
		submissionClosesAt: f.submissionClosesAt?.toISOString() ?? null,
		published: f.published,
	};
}

/**
 * Saves the festival's settings with one `festival.update` audit event (every field before and
 * after); the public pages follow by the festival's change trigger — publishing shows the
 * festival, unpublishing hides all of it. The submission window's times are read in the festival's (new) zone. Checks: the dates in
 * order and at most MAX_FESTIVAL_DAYS long, the window opening before it closes.
 */
export function updateFestivalSettings(
	db: Db,
	actor: AuthUser,
	current: Festival,
	input: FestivalSettingsInput,
	now: Date,
): Outcome<{ festivalId: number }> {
	const issues: { field: string; message: string }[] = [];
	if (input.endDate < input.startDate) {
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
	const opens = parseZonedDateTime(input.submissionOpens, input.timezone);
	const closes = parseZonedDateTime(input.submissionCloses, input.timezone);
	if (!opens) issues.push({ field: 'submissionOpens', message: 'rooms.timeInvalid' });
	if (!closes) issues.push({ field: 'submissionCloses', message: 'rooms.timeInvalid' });
	if (opens && closes && closes <= opens) {
		issues.push({ field: 'submissionCloses', message: 'staff.settings.windowOrder' });
	}
	const refused = invalidAll(issues);
	if (refused) return refused;
	const values = {
		nameZh: input.nameZh,
		nameEn: input.nameEn,
		startDate: input.startDate,
		endDate: input.endDate,
		timezone: input.timezone,
		submissionOpensAt: opens!,
		submissionClosesAt: closes!,
		published: input.published,
	};
	db.$client.transaction(() => {
		db.update(festival).set(values).where(eq(festival.id, current.id)).run();
		recordAuditEvent(db, {
			actor: { userId: actor.id, name: actor.email },
			action: 'festival.update',
			entityType: 'festival',
			entityId: current.id,
			before: settingsOf(current),
			after: settingsOf({ ...current, ...values }),
			at: now,
		});
	})();
	return { ok: true, festivalId: current.id };
}
