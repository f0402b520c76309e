import { and, eq } from 'drizzle-orm';
import { room, roomResult } from '../../../../db/schema';
import type { ReportedFigures } from '../../shared/forms/results-form';
import { deriveLivePhase } from '../../shared/live-phase';
import { recordAuditEvent } from '../audit/record';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { canReportResults } from '../merchant/policy';
import { invalid, type Outcome } from '../merchant/outcome';
import type { Business } from '../merchant/registration';
import { readResultsState, type ResultsState } from './results-state';

/**
 * A merchant's report of what one session achieved (viewers, orders, sales), shown on the
 * published results labelled "reported by the merchant", beside what the portal measured itself.
 */

type RoomRow = typeof room.$inferSelect;

export interface RoomReport {
	room: RoomRow;
	/** What the merchant reported (null figures: not reported); null when nothing yet. */
	figures: ReportedFigures | null;
	reportedAt: Date | null;
	updatedAt: Date | null;
	/** Measured by the portal. */
	opens: number;
	calendarDownloads: number;
	stars: number;
}

/** Why a report cannot be made or changed now (a message id), or null when it can. */
export type ReportBlock = 'results.notEnded' | 'results.closed' | 'results.locked';

/**
 * Reports open when the session has ended (by the schedule, or earlier by WeChat's status), and
 * close when the window does or staff lock the results, whichever comes first.
 */
export function findReportBlock(r: RoomRow, state: ResultsState, now: Date): ReportBlock | null {
	if (state.lockedAt) return 'results.locked';
	if (now >= state.reportClosesAt) return 'results.closed';
	const phase = deriveLivePhase(r, now);
	return phase === 'ended' || phase === 'replay' ? null : 'results.notEnded';
}

/** The merchant's own approved session of `festival` with what is known of it; else undefined. */
export function findOwnRoomReport(
	db: Db,
	user: AuthUser,
	business: Business,
	festival: Festival,
	roomId: number,
): RoomReport | undefined {
	const found = db
		.select({ room, result: roomResult })
		.from(room)
		.leftJoin(roomResult, eq(roomResult.roomId, room.id))
		.where(and(eq(room.id, roomId), eq(room.festivalId, festival.id)))
		.get();
	if (!found || !canReportResults(user, business, found.room)) return undefined;
	const r = found.result;
	const reported = r && (r.viewers !== null || r.orders !== null || r.salesFen !== null);
	return {
		room: found.room,
		figures: reported ? { viewers: r.viewers, orders: r.orders, salesFen: r.salesFen } : null,
		reportedAt: r?.reportedAt ?? null,
		updatedAt: r?.updatedAt ?? null,
		opens: r?.opens ?? 0,
		calendarDownloads: r?.calendarDownloads ?? 0,
		stars: r?.stars ?? 0,
	};
}

/**
 * Saves the merchant's figures for one of their sessions, with a `room.reportResults` audit event
 * (before and after) in the same transaction; the results tallies follow by triggers. Refused:
 * another merchant's room, a showcase or a room not approved (not found); a session that has
 * not ended, a closed window or locked results (the reason); an empty first report. Empty
 * figures on an existing report withdraw it.
 */
export function saveRoomReport(
	db: Db,
	user: AuthUser,
	business: Business,
	festival: Festival,
	input: { roomId: number; figures: ReportedFigures },
	now: Date,
): Outcome<{ roomId: number }> {
	return db.$client.transaction((): Outcome<{ roomId: number }> => {
		const report = findOwnRoomReport(db, user, business, festival, input.roomId);
		if (!report) return { ok: false, kind: 'notFound' };
		const block = findReportBlock(report.room, readResultsState(db, festival), now);
		if (block) return { ok: false, kind: 'forbidden', message: block };
		const { viewers, orders, salesFen } = input.figures;
		const empty = viewers === null && orders === null && salesFen === null;
		if (empty && !report.figures) return invalid('viewers', 'results.nothing');
		db.insert(roomResult)
			.values({
				roomId: report.room.id,
				festivalId: report.room.festivalId,
				viewers,
				orders,
				salesFen,
				reportedAt: now,
				reportedByUserId: user.id,
				updatedAt: now,
			})
			.onConflictDoUpdate({
				target: roomResult.roomId,
				set: {
					viewers,
					orders,
					salesFen,
					reportedAt: report.reportedAt ?? now,
					reportedByUserId: user.id,
					updatedAt: now,
				},
			})
			.run();
		recordAuditEvent(db, {
			actor: { userId: user.id, name: user.email },
			action: 'room.reportResults',
			entityType: 'room',
			entityId: report.room.id,
			before: report.figures,
			after: empty ? null : input.figures,
			at: now,
		});
		return { ok: true, roomId: report.room.id };
	})();
}
