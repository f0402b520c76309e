import { eq } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { ReviewStatus } from '../../shared/status';
import type { UserRole } from '../../shared/user-role';
import type { Db } from '../db';

/** Who asked for a change: a signed-in account, or a script run by an operator (the importer CLI). */
export type ReviewActor =
	{ kind: 'user'; userId: number; role: UserRole } | { kind: 'system'; name: string };

/**
 * The review states a room may move to from each state, for the changes that exist so far:
 * a merchant submits a draft, resubmits a room after editing it (an approved room goes back to
 * review: see below), and cancels any room that is not already cancelled. Cancelled is final.
 * The staff console will add `submitted → approved | rejected` here, with its audit event.
 *
 * Edit of an approved room: it returns to `submitted` and leaves the public pages (and the search
 * index, by the triggers of db/migrations/0002) until staff approve it again. Keeping the approved
 * version public would need a second copy of every room field; hiding it is the simplest rule that
 * never shows the public something nobody reviewed.
 */
const TRANSITIONS: Record<ReviewStatus, readonly ReviewStatus[]> = {
	draft: ['submitted', 'cancelled'],
	submitted: ['submitted', 'cancelled'],
	approved: ['submitted', 'cancelled'],
	rejected: ['submitted', 'cancelled'],
	cancelled: [],
};

/** Whether the transition function accepts `from → to`. */
export function canTransition(from: ReviewStatus, to: ReviewStatus): boolean {
	return TRANSITIONS[from].includes(to);
}

export class ReviewTransitionError extends Error {
	constructor(
		readonly from: ReviewStatus,
		readonly to: ReviewStatus,
	) {
		super(`A room cannot go from ${from} to ${to}`);
		this.name = 'ReviewTransitionError';
	}
}

/**
 * The one way a room's review status changes. Side effects, all in the caller's transaction:
 * - `review_status`, `review_note` (the reason given, or cleared on resubmission) and `updated_at`;
 * - the search index and the Meilisearch outbox, through the room triggers (0002_room_search.sql),
 *   which drop the room from search when it stops being approved;
 * - (later) the audit event and the public page cache invalidation, added with the staff console.
 * Throws ReviewTransitionError for a transition not in TRANSITIONS.
 */
export function setRoomReviewStatus(
	db: Db,
	target: { id: number; reviewStatus: ReviewStatus },
	next: ReviewStatus,
	options: { actor: ReviewActor; reason?: string | null; at: Date },
): void {
	if (!canTransition(target.reviewStatus, next)) {
		throw new ReviewTransitionError(target.reviewStatus, next);
	}
	db.update(room)
		.set({ reviewStatus: next, reviewNote: options.reason ?? null, updatedAt: options.at })
		.where(eq(room.id, target.id))
		.run();
	target.reviewStatus = next;
}
