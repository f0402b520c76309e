import { eq } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import type { ProductInput } from '../../shared/forms/room-form';
import { checkRoomWindow, getFestivalBounds } from '../../shared/room-window';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { invalid, invalidAll, type Outcome } from '../merchant/outcome';
import { canCancelRoom, canEditRoom, canSubmitRooms, canViewRoom } from '../merchant/policy';
import type { Business } from '../merchant/registration';
import {
	describeProducts,
	findOwnRoom,
	findRoomByWxId,
	replaceProducts,
	type RoomRow,
} from './merchant-rooms';
import { setRoomReviewStatus, type ReviewActor } from './review-status';

/** What a merchant's room form holds once parsed (times already instants). */
export interface RoomDraft {
	title: string;
	titleEn: string | null;
	description: string;
	anchorName: string;
	startAt: Date;
	endAt: Date;
	wxRoomId: number | null;
	products: ProductInput[];
	/** A new cover's URL, null to remove the cover, undefined to keep the one there is. */
	coverUrl: string | null | undefined;
}

interface SubmitContext {
	user: AuthUser;
	business: Business;
	festival: Festival;
	now: Date;
}

function actorOf(user: AuthUser): ReviewActor {
	return { kind: 'user', userId: user.id, role: user.role };
}

function fingerprint(
	r: Pick<
		RoomRow,
		| 'title'
		| 'titleEn'
		| 'description'
		| 'anchorName'
		| 'startAt'
		| 'endAt'
		| 'wxRoomId'
		| 'coverUrl'
	>,
	products: string,
): string {
	return JSON.stringify([
		r.title,
		r.titleEn,
		r.description,
		r.anchorName,
		r.startAt.getTime(),
		r.endAt.getTime(),
		r.wxRoomId,
		r.coverUrl,
		products,
	]);
}

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
 * Creates a room (`roomId` undefined) or saves an edit, and sends it to review. The checks, in
 * order: the room is the merchant's own (else not found), the merchant may submit, the festival's
 * submission window is open, the times fit (no start in the past or under 10 minutes ahead when
 * the start is new or moved; 30 minutes to 24 hours long; inside the festival), the WeChat room id
 * is not on another of their rooms. An edit that changes nothing leaves the review status alone;
 * any other edit goes back to `submitted` (see review-status.ts for what that means for an
 * approved room).
 */
export function saveRoom(
	db: Db,
	ctx: SubmitContext,
	roomId: number | undefined,
	draft: RoomDraft,
): Outcome<{ roomId: number; changed: boolean }> {
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

	const startMoved = !existing || existing.room.startAt.getTime() !== draft.startAt.getTime();
	const windowProblems = checkRoomWindow({
		start: draft.startAt,
		end: draft.endAt,
		festival: getFestivalBounds(festival),
		now,
		checkLead: startMoved,
	});
	const refused = invalidAll(
		windowProblems.map((p) => ({ field: p.field, message: `rooms.window.${p.problem}` })),
	);
	if (refused) return refused;
	if (draft.wxRoomId !== null && findRoomByWxId(db, business.id, draft.wxRoomId, roomId)) {
		return invalid('wxRoomId', 'rooms.wxRoomIdTaken');
	}

	const values = {
		title: draft.title,
		titleEn: draft.titleEn,
		description: draft.description,
		anchorName: draft.anchorName,
		startAt: draft.startAt,
		endAt: draft.endAt,
		wxRoomId: draft.wxRoomId,
		...(draft.coverUrl === undefined ? {} : { coverUrl: draft.coverUrl }),
	};
	const productKey = JSON.stringify(
		draft.products.map((p) => [p.name, p.priceType, p.price, p.price2]),
	);
	return db.$client.transaction(() => {
		if (existing) {
			const before = fingerprint(existing.room, describeProducts(existing.products));
			const after = fingerprint({ ...existing.room, ...values }, productKey);
			if (before === after) return { ok: true as const, roomId: existing.room.id, changed: false };
			db.update(room)
				.set({ ...values, updatedAt: now })
				.where(eq(room.id, existing.room.id))
				.run();
			replaceProducts(db, existing.room.id, draft.products);
			setRoomReviewStatus(db, existing.room, 'submitted', { actor: actorOf(user), at: now });
			return { ok: true as const, roomId: existing.room.id, changed: true };
		}
		const created = db
			.insert(room)
			.values({
				...values,
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
