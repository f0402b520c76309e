import { eq } from 'drizzle-orm';
import { merchant, room } from '../../../../db/schema';
import type { MerchantStatus, ReviewStatus } from '../../shared/status';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import { invalid } from '../merchant/outcome';
import {
	ReviewConflictError,
	ReviewTransitionError,
	setRoomReviewStatus,
	toAuditActor,
	type ReviewActor,
} from '../room/review-status';
import type { StaffOutcome } from '../staff/outcome';
import { canReviewDistrict } from '../staff/policy';
import {
	MerchantConflictError,
	MerchantTransitionError,
	merchantDecisionNeedsReason,
	setMerchantStatus,
} from './merchant-status';

export type RoomDecision = 'approve' | 'reject';
export type MerchantDecision = 'approve' | 'reject' | 'suspend';

const ROOM_TARGETS: Record<RoomDecision, ReviewStatus> = {
	approve: 'approved',
	reject: 'rejected',
};
const MERCHANT_TARGETS: Record<MerchantDecision, MerchantStatus> = {
	approve: 'approved',
	reject: 'rejected',
	suspend: 'suspended',
};

/** What the reviewer saw when they decided: the decision applies only if it is still so. */
export interface Seen<S extends string> {
	status: S;
	updatedAt: Date;
}

/** A staff account as the transition functions name it. */
export function staffActor(user: AuthUser): ReviewActor & { kind: 'user' } {
	return { kind: 'user', userId: user.id, role: user.role, name: user.email };
}

/** The page shows the item's current state above the message, so the message need not name it. */
function conflictMessage(seen: string, current: string | null): string {
	return current === seen || current === null
		? 'staff.review.changedSince'
		: 'staff.review.alreadyDecided';
}

/**
 * Approves or rejects one room through setRoomReviewStatus, in its own transaction. A rejection
 * without a reason is refused next to the reason field. If the room is no longer as the reviewer
 * saw it — decided by someone else, or edited by its merchant — nothing changes and the reviewer
 * is told so (`conflict`).
 */
export function decideRoom(
	db: Db,
	user: AuthUser,
	input: { roomId: number; decision: RoomDecision; reason?: string; seen: Seen<ReviewStatus> },
	now: Date,
): StaffOutcome<{ roomId: number; status: ReviewStatus }> {
	const exists = db
		.select({ id: room.id, districtId: room.districtId })
		.from(room)
		.where(eq(room.id, input.roomId))
		.get();
	// Another district's room is, for district staff, a room that does not exist.
	if (!exists || !canReviewDistrict(user, exists.districtId))
		return { ok: false, kind: 'notFound' };
	const next = ROOM_TARGETS[input.decision];
	const reason = input.reason?.trim() ?? '';
	if (next === 'rejected' && reason === '') return invalid('reason', 'staff.review.reasonRequired');
	try {
		db.$client.transaction(() =>
			setRoomReviewStatus(db, { id: input.roomId, reviewStatus: input.seen.status }, next, {
				actor: staffActor(user),
				reason: next === 'rejected' ? reason : null,
				at: now,
				expectUpdatedAt: input.seen.updatedAt,
			}),
		)();
	} catch (error) {
		if (error instanceof ReviewConflictError) {
			return {
				ok: false,
				kind: 'conflict',
				message: conflictMessage(input.seen.status, error.current),
			};
		}
		if (error instanceof ReviewTransitionError) {
			return { ok: false, kind: 'forbidden', message: 'staff.review.notAllowed' };
		}
		throw error;
	}
	return { ok: true, roomId: input.roomId, status: next };
}

/** Approves, rejects or suspends one registration, with the same rules as `decideRoom`. */
export function decideMerchant(
	db: Db,
	user: AuthUser,
	input: {
		merchantId: number;
		decision: MerchantDecision;
		reason?: string;
		seen: Seen<MerchantStatus>;
	},
	now: Date,
): StaffOutcome<{ merchantId: number; status: MerchantStatus }> {
	const exists = db
		.select({ id: merchant.id, districtId: merchant.districtId })
		.from(merchant)
		.where(eq(merchant.id, input.merchantId))
		.get();
	if (!exists || !canReviewDistrict(user, exists.districtId))
		return { ok: false, kind: 'notFound' };
	const next = MERCHANT_TARGETS[input.decision];
	const reason = input.reason?.trim() ?? '';
	if (merchantDecisionNeedsReason(next) && reason === '') {
		return invalid('reason', 'staff.review.reasonRequired');
	}
	try {
		db.$client.transaction(() =>
			setMerchantStatus(db, { id: input.merchantId, status: input.seen.status }, next, {
				actor: toAuditActor(staffActor(user)),
				reason: merchantDecisionNeedsReason(next) ? reason : null,
				at: now,
				expectUpdatedAt: input.seen.updatedAt,
			}),
		)();
	} catch (error) {
		if (error instanceof MerchantConflictError) {
			return {
				ok: false,
				kind: 'conflict',
				message: conflictMessage(input.seen.status, error.current),
			};
		}
		if (error instanceof MerchantTransitionError) {
			return { ok: false, kind: 'forbidden', message: 'staff.review.notAllowed' };
		}
		throw error;
	}
	return { ok: true, merchantId: input.merchantId, status: next };
}

export interface BulkResult {
	approved: number[];
	/** Items someone else decided (or their owner edited) after the list was loaded. */
	skipped: { id: number; status: string | null }[];
}

/**
 * Approves a selection from a queue: every item through the same transition function, all in one
 * transaction (so the log and the rooms never disagree), reporting the items that were no longer
 * waiting as the reviewer saw them instead of failing the whole selection. District staff approve
 * only their district's items; any other is reported as gone.
 */
export function bulkApprove(
	db: Db,
	user: AuthUser,
	queue: 'rooms' | 'merchants',
	items: { id: number; updatedAt: Date }[],
	now: Date,
): BulkResult {
	const actor = staffActor(user);
	const result: BulkResult = { approved: [], skipped: [] };
	const seenIds = new Set<number>();
	db.$client.transaction(() => {
		for (const item of items) {
			if (seenIds.has(item.id)) continue;
			seenIds.add(item.id);
			// Items outside the reviewer's district are reported as gone, never touched.
			const districtId = (
				queue === 'rooms'
					? db.select({ d: room.districtId }).from(room).where(eq(room.id, item.id)).get()
					: db
							.select({ d: merchant.districtId })
							.from(merchant)
							.where(eq(merchant.id, item.id))
							.get()
			)?.d;
			if (districtId === undefined || !canReviewDistrict(user, districtId)) {
				result.skipped.push({ id: item.id, status: null });
				continue;
			}
			try {
				if (queue === 'rooms') {
					setRoomReviewStatus(db, { id: item.id, reviewStatus: 'submitted' }, 'approved', {
						actor,
						at: now,
						expectUpdatedAt: item.updatedAt,
					});
				} else {
					setMerchantStatus(db, { id: item.id, status: 'pending' }, 'approved', {
						actor: toAuditActor(actor),
						at: now,
						expectUpdatedAt: item.updatedAt,
					});
				}
				result.approved.push(item.id);
			} catch (error) {
				if (error instanceof ReviewConflictError || error instanceof MerchantConflictError) {
					result.skipped.push({ id: item.id, status: error.current });
				} else throw error;
			}
		}
	})();
	return result;
}
