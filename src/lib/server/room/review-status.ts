import { and, eq } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { ReviewStatus } from '../../shared/status';
import type { UserRole } from '../../shared/user-role';
import { ROLE_CAPABILITIES } from '../staff/capabilities';
import { recordAuditEvent, type AuditActor } from '../audit/record';
import type { Db } from '../db';

/**
 * Who asked for a change: a signed-in account (its email as `name`, for the audit log), or a
 * script run by an operator (the importer CLI, which acts for a merchant).
 */
export type ReviewActor =
	| { kind: 'user'; userId: number; role: UserRole; name?: string }
	| { kind: 'system'; name: string };

/** The two sides of review: the merchant who submits and the bureau that decides. */
export type ReviewSide = 'merchant' | 'staff';

/**
 * The states a room may move to from each state, per side.
 *
 * Merchants submit a draft, resubmit a room after editing it, and cancel any room that is not
 * already cancelled. Edit of an approved room: it returns to `submitted` and leaves the public
 * pages (and the search index, by the triggers of db/migrations/0002) until staff approve it
 * again. Keeping the approved version public would need a second copy of every room field; hiding
 * it is the simplest rule that never shows the public something nobody reviewed.
 *
 * Staff approve or reject what was submitted, withdraw an approval (→ rejected, with a reason the
 * merchant sees), reverse a rejection, and cancel a room (the bureau's own showcase sessions).
 * Cancelled is final for everyone.
 */
const TRANSITIONS: Record<ReviewSide, Record<ReviewStatus, readonly ReviewStatus[]>> = {
	merchant: {
		draft: ['submitted', 'cancelled'],
		submitted: ['submitted', 'cancelled'],
		approved: ['submitted', 'cancelled'],
		rejected: ['submitted', 'cancelled'],
		cancelled: [],
	},
	staff: {
		draft: ['cancelled'],
		submitted: ['approved', 'rejected'],
		approved: ['rejected', 'cancelled'],
		rejected: ['approved'],
		cancelled: [],
	},
};

/** The audit verb of a staff decision, by the state it leads to. */
const AUDIT_VERBS: Record<ReviewStatus, string> = {
	draft: 'draft',
	submitted: 'resubmit',
	approved: 'approve',
	rejected: 'reject',
	cancelled: 'cancel',
};

/**
 * The side an actor reviews from: accounts whose role holds the `review` capability (bureau staff,
 * admins, district staff — staff/capabilities.ts) decide; everyone else submits. Which rooms a
 * district account may decide is the caller's check (`canReviewDistrict`).
 */
export function getReviewSide(actor: ReviewActor): ReviewSide {
	return actor.kind === 'user' && ROLE_CAPABILITIES[actor.role].review !== undefined
		? 'staff'
		: 'merchant';
}

/** Whether the transition function accepts `from → to` for `side` (merchant by default). */
export function canTransition(
	from: ReviewStatus,
	to: ReviewStatus,
	side: ReviewSide = 'merchant',
): boolean {
	return TRANSITIONS[side][from].includes(to);
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
 * The room is no longer as the caller saw it: someone else decided first (`current` differs from
 * what was seen), or it was edited since (same state, newer `updated_at`). Nothing was written.
 */
export class ReviewConflictError extends Error {
	constructor(
		readonly roomId: number,
		readonly current: ReviewStatus | null,
	) {
		super(`Room ${roomId} changed since it was read (now ${current ?? 'gone'})`);
		this.name = 'ReviewConflictError';
	}
}

/** The audit log's name for an actor. */
export function toAuditActor(actor: ReviewActor): AuditActor {
	return actor.kind === 'user'
		? { userId: actor.userId, name: actor.name ?? `user ${actor.userId}` }
		: { userId: null, name: actor.name };
}

/**
 * The one way a room's review status changes. Side effects, all in the caller's transaction:
 * - `review_status`, `review_note` (the reason given, or cleared) and `updated_at`, written by one
 *   conditional UPDATE that applies only while the row is still in the state the caller read
 *   (`target.reviewStatus`, and `expectUpdatedAt` when given): of two staff deciding the same room
 *   at once, the second gets ReviewConflictError and writes nothing;
 * - the search index and the Meilisearch outbox, through the room triggers (0002_room_search.sql),
 *   which drop the room from search when it stops being approved and add it when approved;
 * - for a staff decision, exactly one audit event (`room.approve`, `room.reject`, …) with the
 *   state before and after and the reason;
 * - the page cache, through the room's change triggers (0010_change_versions.sql) when the room
 *   enters or leaves the public state.
 * Throws ReviewTransitionError for a transition the actor's side may not make, and an Error for a
 * staff rejection without a reason (the merchant must be told why). Featured rooms need nothing:
 * the home page lists featured rooms through the public condition, so a room that stops being
 * approved drops out of it by itself and comes back, in its place, if approved again.
 */
export function setRoomReviewStatus(
	db: Db,
	target: { id: number; reviewStatus: ReviewStatus },
	next: ReviewStatus,
	options: { actor: ReviewActor; reason?: string | null; at: Date; expectUpdatedAt?: Date },
): void {
	const side = getReviewSide(options.actor);
	const from = target.reviewStatus;
	if (!canTransition(from, next, side)) throw new ReviewTransitionError(from, next);
	const reason = options.reason?.trim() || null;
	if (side === 'staff' && next === 'rejected' && !reason) {
		throw new Error('A rejection needs a reason the merchant can read');
	}
	const conditions = [eq(room.id, target.id), eq(room.reviewStatus, from)];
	if (options.expectUpdatedAt) conditions.push(eq(room.updatedAt, options.expectUpdatedAt));
	const changed = db
		.update(room)
		.set({ reviewStatus: next, reviewNote: reason, updatedAt: options.at })
		.where(and(...conditions))
		.run().changes;
	if (changed === 0) {
		const current = db
			.select({ reviewStatus: room.reviewStatus })
			.from(room)
			.where(eq(room.id, target.id))
			.get();
		throw new ReviewConflictError(target.id, current?.reviewStatus ?? null);
	}
	if (side === 'staff') {
		recordAuditEvent(db, {
			actor: toAuditActor(options.actor),
			action: `room.${AUDIT_VERBS[next]}`,
			entityType: 'room',
			entityId: target.id,
			before: { reviewStatus: from },
			after: { reviewStatus: next, reviewNote: reason },
			reason,
			at: options.at,
		});
	}
	target.reviewStatus = next;
}
