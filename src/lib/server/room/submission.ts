import { eq } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { FormIssue } from '../../shared/forms/parse-form';
import type { ProductInput } from '../../shared/forms/room-form';
import { fingerprintRoom, ROOM_FIELDS, type RoomFieldValues } from '../../shared/forms/room-fields';
import { checkRoomWindow, getFestivalBounds } from '../../shared/room-window';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { invalidAll, type Outcome, type Refusal } from '../merchant/outcome';
import { canCancelRoom, canEditRoom, canSubmitRooms, canViewRoom } from '../merchant/policy';
import type { Business } from '../merchant/registration';
import { findOwnRoom, findRoomByWxId, replaceProducts, type RoomRow } from './merchant-rooms';
import { setRoomReviewStatus, type ReviewActor } from './review-status';

/**
 * What a merchant's room form holds once parsed (shared/forms/room-fields.ts): the fields that
 * parsed, with times as instants; `coverKey` is a new upload's key, null to remove the cover,
 * undefined to keep the one there is.
 */
export interface RoomDraft {
	values: Partial<RoomFieldValues>;
	products: ProductInput[];
}

export interface SubmitContext {
	user: AuthUser;
	business: Business;
	festival: Festival;
	now: Date;
}

function actorOf(user: AuthUser): ReviewActor {
	return { kind: 'user', userId: user.id, role: user.role };
}

/** The declared fields of a stored room (shared/forms/room-fields.ts). */
function storedFields(r: RoomRow): RoomFieldValues {
	const values: Record<string, unknown> = {};
	for (const f of ROOM_FIELDS) values[f.column] = r[f.column];
	return values as unknown as RoomFieldValues;
}

const NEW_ROOM: RoomFieldValues = {
	title: '',
	titleEn: null,
	anchorName: '',
	description: '',
	descriptionEn: null,
	startAt: new Date(0),
	endAt: new Date(0),
	coverKey: null,
	wxRoomId: null,
};

/**
 * Whether merchants may submit now: inside the festival's submission window (either end may be
 * left open). Withdrawing a room is allowed at any time; submitting and resubmitting are not.
 */
export function isSubmissionOpen(
	festival: Pick<Festival, 'submissionOpensAt' | 'submissionClosesAt'>,
	now: Date,
): boolean {
	const t = now.getTime();
	return (
		(festival.submissionOpensAt === null || t >= festival.submissionOpensAt.getTime()) &&
		(festival.submissionClosesAt === null || t < festival.submissionClosesAt.getTime())
	);
}

/**
 * Whether the merchant may save this room now (a new one when `roomId` is undefined): it is their
 * own (else not found), they may submit, the submission window is open. Null when they may; the
 * action asks before it stores an uploaded cover.
 */
export function checkRoomEditable(
	db: Db,
	ctx: SubmitContext,
	roomId: number | undefined,
): Refusal | null {
	const { user, business, festival, now } = ctx;
	const existing = roomId === undefined ? undefined : findOwnRoom(db, business.id, roomId);
	if (roomId !== undefined && (!existing || !canViewRoom(user, business, existing.room))) {
		return { ok: false, kind: 'notFound' };
	}
	if (existing && existing.room.festivalId !== festival.id) return { ok: false, kind: 'notFound' };
	if (existing ? !canEditRoom(user, business, existing.room) : !canSubmitRooms(user, business)) {
		return {
			ok: false,
			kind: 'forbidden',
			message:
				existing?.room.reviewStatus === 'cancelled'
					? 'rooms.cancelledNoEdit'
					: `rooms.business.${business.status}`,
		};
	}
	if (!isSubmissionOpen(festival, now)) {
		return { ok: false, kind: 'forbidden', message: 'staff.window.closed' };
	}
	return null;
}

/**
 * Creates a room (`roomId` undefined) or saves an edit, and sends it to review. The checks, in
 * order: the room is the merchant's own (else not found), the merchant may submit, the festival's
 * submission window is open; then, all reported together with the form's own problems
 * (`parseIssues`), so the merchant fixes everything in one go: the times fit (no start in the past
 * or under 10 minutes ahead when the start is new or moved; 30 minutes to 24 hours long; starting
 * inside the festival — it may end after the last midnight), the WeChat room id is not on another of
 * their rooms. An edit whose fingerprint (every declared field and the products) is unchanged
 * leaves the review status alone; any other edit goes back to `submitted` (see review-status.ts for
 * what that means for an approved room).
 */
export function saveRoom(
	db: Db,
	ctx: SubmitContext,
	roomId: number | undefined,
	draft: RoomDraft,
	parseIssues: FormIssue[] = [],
): Outcome<{ roomId: number; changed: boolean }> {
	const { user, business, festival, now } = ctx;
	const refusal = checkRoomEditable(db, ctx, roomId);
	if (refusal) return refusal;
	const existing = roomId === undefined ? undefined : findOwnRoom(db, business.id, roomId);

	const issues = [...parseIssues];
	const { startAt, endAt, wxRoomId } = draft.values;
	if (startAt && endAt) {
		const startMoved = !existing || existing.room.startAt.getTime() !== startAt.getTime();
		const windowProblems = checkRoomWindow({
			start: startAt,
			end: endAt,
			festival: getFestivalBounds(festival),
			now,
			checkLead: startMoved,
		});
		for (const p of windowProblems) {
			issues.push({ field: p.field, message: `rooms.window.${p.problem}` });
		}
	}
	if (wxRoomId && findRoomByWxId(db, business.id, wxRoomId, roomId)) {
		issues.push({ field: 'wxRoomId', message: 'rooms.wxRoomIdTaken' });
	}
	const refused = invalidAll(issues);
	if (refused) return refused;

	const defined = Object.fromEntries(
		Object.entries(draft.values).filter(([, v]) => v !== undefined),
	) as Partial<RoomFieldValues>;
	const before = existing ? storedFields(existing.room) : NEW_ROOM;
	const after: RoomFieldValues = { ...before, ...defined };
	// A cover uploaded (or removed) here replaces WeChat's, so the image worker leaves it alone.
	const cover = draft.values.coverKey === undefined ? {} : { coverUrl: null };
	return db.$client.transaction(() => {
		if (existing) {
			const unchanged =
				fingerprintRoom(before, existing.products) === fingerprintRoom(after, draft.products);
			if (unchanged) return { ok: true as const, roomId: existing.room.id, changed: false };
			db.update(room)
				.set({ ...after, ...cover, updatedAt: now })
				.where(eq(room.id, existing.room.id))
				.run();
			replaceProducts(db, existing.room.id, draft.products);
			setRoomReviewStatus(db, existing.room, 'submitted', { actor: actorOf(user), at: now });
			return { ok: true as const, roomId: existing.room.id, changed: true };
		}
		const created = db
			.insert(room)
			.values({
				...after,
				festivalId: festival.id,
				merchantId: business.id,
				kind: 'merchant',
				districtId: business.districtId,
				categoryId: business.categoryId,
				reviewStatus: 'draft',
				createdAt: now,
				updatedAt: now,
			})
			.returning({ id: room.id, reviewStatus: room.reviewStatus })
			.get();
		replaceProducts(db, created.id, draft.products);
		setRoomReviewStatus(db, created, 'submitted', { actor: actorOf(user), at: now });
		return { ok: true as const, roomId: created.id, changed: true };
	})();
}

/** Withdraws a room: it leaves review and the public pages for good. */
export function cancelRoom(
	db: Db,
	ctx: Omit<SubmitContext, 'festival'>,
	roomId: number,
): Outcome<{ roomId: number }> {
	const found = findOwnRoom(db, ctx.business.id, roomId);
	if (!found || !canViewRoom(ctx.user, ctx.business, found.room))
		return { ok: false, kind: 'notFound' };
	if (!canCancelRoom(ctx.user, ctx.business, found.room)) {
		return { ok: false, kind: 'forbidden', message: 'rooms.alreadyCancelled' };
	}
	db.$client.transaction(() => {
		setRoomReviewStatus(db, found.room, 'cancelled', { actor: actorOf(ctx.user), at: ctx.now });
	})();
	return { ok: true, roomId };
}
