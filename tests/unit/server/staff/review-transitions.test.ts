import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvent, merchant, room } from '../../../../db/schema';
import type { Db } from '../../../../src/lib/server/db';
import {
	MerchantConflictError,
	setMerchantStatus,
} from '../../../../src/lib/server/review/merchant-status';
import {
	canTransition,
	ReviewConflictError,
	ReviewTransitionError,
	setRoomReviewStatus,
	type ReviewActor,
} from '../../../../src/lib/server/room/review-status';
import { REVIEW_STATUSES } from '../../../../src/lib/shared/status';
import { createFestivalWorld, createRoom, createUser } from '../../../support/factories';
import { createStaffUser } from '../../../support/staff-factories';
import { createTempDb } from '../../../support/temp-db';

const AT = new Date('2026-06-06T02:00:00Z');
let staff: ReviewActor;
let merchantActor: ReviewActor;
let staffRef: { userId: number; name: string };

let temp: ReturnType<typeof createTempDb>;
let db: Db;
let world: ReturnType<typeof createFestivalWorld>;
/** The change sequence number before the test; scopes changed since are what the caches see. */
let seqBefore: number;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
	world = createFestivalWorld(db);
	const reviewer = createStaffUser(db, 'staff', 'reviewer@bureau.gov.cn');
	const owner = createUser(db);
	staff = { kind: 'user', userId: reviewer.id, role: 'staff', name: reviewer.email };
	merchantActor = { kind: 'user', userId: owner.id, role: 'merchant' };
	staffRef = { userId: reviewer.id, name: 'r' };
	seqBefore = db.$client
		.prepare('select coalesce(max(seq), 0) from change_version')
		.pluck()
		.get() as number;
});
afterEach(() => temp.cleanup());

/** The page-cache scopes the test's writes changed (db/migrations/0010_change_versions.sql). */
function changedScopes(): string[] {
	return db.$client
		.prepare('select scope from change_version where seq > ? order by scope')
		.pluck()
		.all(seqBefore) as string[];
}

function submittedRoom() {
	return createRoom(db, {
		festivalId: world.festival.id,
		merchantId: world.merchant.id,
		districtId: world.district.id,
		categoryId: world.category.id,
		startAt: new Date('2026-06-07T11:00:00Z'),
		reviewStatus: 'submitted',
		updatedAt: new Date('2026-06-05T00:00:00Z'),
	});
}
const audit = () =>
	db
		.select({ action: auditEvent.action, actor: auditEvent.actorName, reason: auditEvent.reason })
		.from(auditEvent)
		.all();

describe('staff review transitions', () => {
	it('canTransition for staff allows deciding, withdrawing an approval, reversing a rejection and cancelling', () => {
		const allowed = REVIEW_STATUSES.flatMap((from) =>
			REVIEW_STATUSES.filter((to) => canTransition(from, to, 'staff')).map((to) => `${from}→${to}`),
		);
		expect(allowed).toEqual([
			'draft→cancelled',
			'submitted→approved',
			'submitted→rejected',
			'approved→rejected',
			'approved→cancelled',
			'rejected→approved',
		]);
	});

	it('approval by staff writes the status, one audit event and its page-cache changes, and indexes the room', () => {
		const r = submittedRoom();
		setRoomReviewStatus(db, r, 'approved', { actor: staff, at: AT, expectUpdatedAt: r.updatedAt });
		const indexed = db.$client
			.prepare('select count(*) n from room_fts_han_docsize where id = ?')
			.get(r.id) as { n: number };
		expect([
			db.select().from(room).where(eq(room.id, r.id)).get()!.reviewStatus,
			audit(),
			changedScopes(),
			indexed.n,
		]).toEqual([
			'approved',
			[{ action: 'room.approve', actor: 'reviewer@bureau.gov.cn', reason: null }],
			['lists', `merchant-rooms:${world.merchant.id}`, `room:${r.id}`],
			1,
		]);
	});

	it('a merchant cannot approve, and a staff rejection needs a reason; neither writes anything', () => {
		const r = submittedRoom();
		expect(() =>
			setRoomReviewStatus(db, { ...r }, 'approved', { actor: merchantActor, at: AT }),
		).toThrow(ReviewTransitionError);
		expect(() =>
			setRoomReviewStatus(db, { ...r }, 'rejected', { actor: staff, reason: '  ', at: AT }),
		).toThrow('A rejection needs a reason the merchant can read');
		expect([db.select().from(room).get()!.reviewStatus, audit(), changedScopes()]).toEqual([
			'submitted',
			[],
			[],
		]);
	});

	it('the second of two decisions made on the same view fails with the state the first left', () => {
		const r = submittedRoom();
		const seen = { id: r.id, reviewStatus: r.reviewStatus };
		setRoomReviewStatus(db, { ...seen }, 'rejected', { actor: staff, reason: '重复提交', at: AT });
		let error: unknown;
		try {
			setRoomReviewStatus(db, { ...seen }, 'approved', { actor: staff, at: AT });
		} catch (e) {
			error = e;
		}
		expect([
			error instanceof ReviewConflictError,
			(error as ReviewConflictError).current,
			audit().length,
		]).toEqual([true, 'rejected', 1]);
	});

	it('a decision on a room edited since it was read (newer updated_at) is refused', () => {
		const r = submittedRoom();
		db.update(room)
			.set({ updatedAt: new Date('2026-06-05T06:00:00Z') })
			.where(eq(room.id, r.id))
			.run();
		expect(() =>
			setRoomReviewStatus(db, { ...r }, 'approved', {
				actor: staff,
				at: AT,
				expectUpdatedAt: r.updatedAt,
			}),
		).toThrow(ReviewConflictError);
		expect(db.select().from(room).get()!.reviewStatus).toBe('submitted');
	});

	it('a merchant resubmitting writes no audit event (only staff actions are audited)', () => {
		const r = createRoom(db, {
			festivalId: world.festival.id,
			merchantId: world.merchant.id,
			districtId: world.district.id,
			categoryId: world.category.id,
			startAt: new Date('2026-06-07T11:00:00Z'),
		});
		setRoomReviewStatus(db, r, 'submitted', { actor: merchantActor, at: AT });
		expect([audit(), changedScopes()]).toEqual([
			[],
			['lists', `merchant-rooms:${world.merchant.id}`, `room:${r.id}`],
		]);
	});
});

describe('staff registration transitions', () => {
	it('suspending an approved business needs a reason, is audited and takes its rooms off the public pages', () => {
		const m = world.merchant;
		expect(() => setMerchantStatus(db, { ...m }, 'suspended', { actor: staffRef, at: AT })).toThrow(
			'This decision needs a reason the merchant can read',
		);
		setMerchantStatus(db, { ...m }, 'suspended', { actor: staffRef, reason: '资质到期', at: AT });
		expect([db.select().from(merchant).get()!.status, audit(), changedScopes()]).toEqual([
			'suspended',
			[{ action: 'merchant.suspend', actor: 'r', reason: '资质到期' }],
			['lists', `merchant:${m.id}`],
		]);
	});

	it('the second of two concurrent decisions on a registration fails', () => {
		const m = world.merchant;
		db.update(merchant).set({ status: 'pending' }).run();
		const seen = { id: m.id, status: 'pending' as const };
		setMerchantStatus(db, { ...seen }, 'approved', { actor: staffRef, at: AT });
		expect(() =>
			setMerchantStatus(db, { ...seen }, 'rejected', { actor: staffRef, reason: 'x', at: AT }),
		).toThrow(MerchantConflictError);
		expect(audit().map((e) => e.action)).toEqual(['merchant.approve']);
	});
});
