import { eq } from 'drizzle-orm';
import { festivalResults } from '../../../../db/schema';
import { recordAuditEvent } from '../audit/record';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { readSnapshot, type ResultsSnapshot } from './snapshot';
import { getDefaultReportClose, readResultsState } from './results-state';
import { loadResultsSummary } from './summary';

/**
 * What staff do with the festival's results (/staff/results), each one `festival_results` write
 * and one audit event in one transaction: lock the merchants' reports (no more edits) or open them
 * again, publish `/results` (a snapshot of the figures as they are now: results/summary.ts) or
 * withdraw it. The public page follows by the `results` change scope's trigger.
 */

export type ResultsAction = 'lock' | 'unlock' | 'publish' | 'withdraw';

/** Writes the festival's results row (created with the default window when missing). */
function writeState(
	db: Db,
	f: Festival,
	values: Partial<typeof festivalResults.$inferInsert>,
	now: Date,
): void {
	db.insert(festivalResults)
		.values({
			festivalId: f.id,
			reportClosesAt: getDefaultReportClose(f),
			updatedAt: now,
			...values,
		})
		.onConflictDoUpdate({ target: festivalResults.festivalId, set: { ...values, updatedAt: now } })
		.run();
}

/**
 * Carries out one of the staff's results actions as `actor`. Publishing reads the summary first
 * (a few indexed statements with turns of the event loop between them), then stores it.
 */
export async function applyResultsAction(
	db: Db,
	actor: AuthUser,
	f: Festival,
	action: ResultsAction,
	now: Date,
): Promise<void> {
	const snapshot = action === 'publish' ? await loadResultsSummary(db, f, now) : undefined;
	db.$client.transaction(() => {
		const before = readResultsState(db, f);
		const changes: Record<ResultsAction, Partial<typeof festivalResults.$inferInsert>> = {
			lock: { lockedAt: now, lockedBy: actor.email },
			unlock: { lockedAt: null, lockedBy: null },
			publish: { publishedAt: now, publishedBy: actor.email, snapshot },
			withdraw: { publishedAt: null, publishedBy: null },
		};
		writeState(db, f, changes[action], now);
		recordAuditEvent(db, {
			actor: { userId: actor.id, name: actor.email },
			action: `results.${action}`,
			entityType: 'festival',
			entityId: f.id,
			before: { lockedAt: before.lockedAt, publishedAt: before.publishedAt },
			after: snapshot ? { asOf: snapshot.asOf, totals: snapshot.totals } : changes[action],
			at: now,
		});
	})();
}

/** The published results of the festival; undefined before staff publish them (or after withdrawal). */
export function readPublishedResults(
	db: Db,
	f: Festival,
): { snapshot: ResultsSnapshot; publishedAt: Date } | undefined {
	const row = db
		.select({ publishedAt: festivalResults.publishedAt, snapshot: festivalResults.snapshot })
		.from(festivalResults)
		.where(eq(festivalResults.festivalId, f.id))
		.get();
	if (!row?.publishedAt) return undefined;
	const snapshot = readSnapshot(row.snapshot);
	return snapshot ? { snapshot, publishedAt: row.publishedAt } : undefined;
}
