import { eq } from 'drizzle-orm';
import { festival } from '../../../../db/schema';
import { recordAuditEvent } from '../audit/record';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { checkFestivalFrame } from '../festival/festival-rules';
import { invalidAll, type Outcome } from '../merchant/outcome';

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
 * festival, unpublishing hides all of it. The submission window's times are read in the
 * festival's (new) zone; the frame's rules are festival/festival-rules.ts's.
 */
export function updateFestivalSettings(
	db: Db,
	actor: AuthUser,
	current: Festival,
	input: FestivalSettingsInput,
	now: Date,
): Outcome<{ festivalId: number }> {
	const frame = checkFestivalFrame(input);
	const refused = invalidAll(frame.issues);
	if (refused) return refused;
	const values = {
		nameZh: input.nameZh,
		nameEn: input.nameEn,
		startDate: input.startDate,
		endDate: input.endDate,
		timezone: input.timezone,
		submissionOpensAt: frame.submissionOpensAt!,
		submissionClosesAt: frame.submissionClosesAt!,
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
