import { and, eq } from 'drizzle-orm';
import { merchant } from '../../../../db/schema';
import type { MerchantStatus } from '../../shared/status';
import { recordAuditEvent, type AuditActor } from '../audit/record';
import type { Db } from '../db';

/**
 * What staff may do to a registration: decide a pending one, suspend an approved business (its
 * rooms leave the public pages at once, by the public condition), reinstate a suspended one, and
 * reverse a rejection. The merchant's own edits (pending again) go through saveBusiness.
 */
const STAFF_TRANSITIONS: Record<MerchantStatus, readonly MerchantStatus[]> = {
	pending: ['approved', 'rejected'],
	approved: ['suspended'],
	rejected: ['approved'],
	suspended: ['approved'],
};

/** Decisions the merchant must be told the reason for. */
const NEEDS_REASON: ReadonlySet<MerchantStatus> = new Set(['rejected', 'suspended']);

const VERBS: Record<MerchantStatus, string> = {
	pending: 'reopen',
	approved: 'approve',
	rejected: 'reject',
	suspended: 'suspend',
};

/** Whether staff may move a registration from `from` to `to`. */
export function canDecideMerchant(from: MerchantStatus, to: MerchantStatus): boolean {
	return STAFF_TRANSITIONS[from].includes(to);
}

/** Whether moving a registration to `to` needs a reason. */
export function merchantDecisionNeedsReason(to: MerchantStatus): boolean {
	return NEEDS_REASON.has(to);
}

export class MerchantTransitionError extends Error {
	constructor(
		readonly from: MerchantStatus,
		readonly to: MerchantStatus,
	) {
		super(`A registration cannot go from ${from} to ${to}`);
		this.name = 'MerchantTransitionError';
	}
}

/** The registration is no longer as the reviewer saw it (decided or edited since). */
export class MerchantConflictError extends Error {
	constructor(
		readonly merchantId: number,
		readonly current: MerchantStatus | null,
	) {
		super(`Merchant ${merchantId} changed since it was read (now ${current ?? 'gone'})`);
		this.name = 'MerchantConflictError';
	}
}

/**
 * The one way staff change a registration's status. Side effects, in the caller's transaction:
 * - `status`, `review_note` (the reason, or cleared) and `updated_at`, by one conditional UPDATE
 *   that applies only while the row is in the state (and, when given, the `updated_at`) the
 *   reviewer saw, so the second of two concurrent decisions gets MerchantConflictError;
 * - the search index and outbox, through the merchant triggers (the merchant's rooms join or
 *   leave search with its approval);
 * - exactly one audit event (`merchant.approve`, …) with before, after and reason;
 * - the page cache, through the merchant's and its rooms' change triggers (0010_change_versions.sql).
 */
export function setMerchantStatus(
	db: Db,
	target: { id: number; status: MerchantStatus },
	next: MerchantStatus,
	options: { actor: AuditActor; reason?: string | null; at: Date; expectUpdatedAt?: Date },
): void {
	const from = target.status;
	if (!canDecideMerchant(from, next)) throw new MerchantTransitionError(from, next);
	const reason = options.reason?.trim() || null;
	if (NEEDS_REASON.has(next) && !reason) {
		throw new Error('This decision needs a reason the merchant can read');
	}
	const conditions = [eq(merchant.id, target.id), eq(merchant.status, from)];
	if (options.expectUpdatedAt) conditions.push(eq(merchant.updatedAt, options.expectUpdatedAt));
	const changed = db
		.update(merchant)
		.set({ status: next, reviewNote: reason, updatedAt: options.at })
		.where(and(...conditions))
		.run().changes;
	if (changed === 0) {
		const current = db
			.select({ status: merchant.status })
			.from(merchant)
			.where(eq(merchant.id, target.id))
			.get();
		throw new MerchantConflictError(target.id, current?.status ?? null);
	}
	recordAuditEvent(db, {
		actor: options.actor,
		action: `merchant.${VERBS[next]}`,
		entityType: 'merchant',
		entityId: target.id,
		before: { status: from },
		after: { status: next, reviewNote: reason },
		reason,
		at: options.at,
	});
	target.status = next;
}
