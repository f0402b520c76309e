import { eq } from 'drizzle-orm';
import { category, district, room, showcaseHost } from '../../../../db/schema';
import type { ProductInput } from '../../shared/forms/room-form';
import { checkRoomWindow, getFestivalBounds } from '../../shared/room-window';
import type { AuthUser } from '../auth/session';
import { recordAuditEvent } from '../audit/record';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { invalidAll } from '../merchant/outcome';
import { staffActor } from '../review/decisions';
import { replaceProducts } from '../room/merchant-rooms';
import { ReviewConflictError, setRoomReviewStatus } from '../room/review-status';
import { findCarriersNamed, isCarrier } from './carriers';
import type { HostInput } from './forms';
import { findShowcase, type ShowcaseRecord } from './showcase-queries';
import type { StaffOutcome } from './outcome';

/**
 * Government showcase sessions: rooms of kind `showcase` that the bureau itself creates, with the
 * officials who host them, the products promoted and, optionally, the merchant whose mini program
 * carries the broadcast. They are the bureau's own, so they are created approved (public once the
 * festival is); withdrawing one cancels it. Search follows by the room triggers.
 */

export interface ShowcaseDraft {
	title: string;
	titleEn: string | null;
	description: string;
	descriptionEn: string | null;
	anchorName: string;
	startAt: Date;
	endAt: Date;
	districtId: number;
	categoryId: number;
	merchantId: number | null;
	/** A carrier typed by name, resolved to `merchantId` when the draft's references are checked. */
	carrierName?: string;
	hosts: HostInput[];
	products: ProductInput[];
}

interface ShowcaseContext {
	db: Db;
	user: AuthUser;
	festival: Festival;
	now: Date;
}

/** The references a draft names must exist: districts of the festival's city, an approved carrier. */
function checkReferences(ctx: ShowcaseContext, draft: ShowcaseDraft) {
	const { db, festival: f } = ctx;
	const cityDistricts = new Set(
		db
			.select({ id: district.id })
			.from(district)
			.where(eq(district.city, f.city))
			.all()
			.map((d) => d.id),
	);
	const issues = [];
	if (!cityDistricts.has(draft.districtId))
		issues.push({ field: 'districtId', message: 'form.choose' });
	if (
		!db.select({ id: category.id }).from(category).where(eq(category.id, draft.categoryId)).get()
	) {
		issues.push({ field: 'categoryId', message: 'form.choose' });
	}
	if (draft.carrierName !== undefined) {
		const named = findCarriersNamed(db, draft.carrierName);
		if (named.length === 1) draft.merchantId = named[0]!;
		else {
			const message =
				named.length === 0 ? 'staff.showcase.carrierUnknown' : 'staff.showcase.carrierAmbiguous';
			issues.push({ field: 'merchantId', message });
		}
	} else if (draft.merchantId !== null && !isCarrier(db, draft.merchantId)) {
		issues.push({ field: 'merchantId', message: 'staff.showcase.carrierUnknown' });
	}
	draft.hosts.forEach((h, i) => {
		if (h.districtId !== null && !cityDistricts.has(h.districtId)) {
			issues.push({ field: `hostDistrict.${i}`, message: 'form.choose' });
		}
	});
	const window = checkRoomWindow({
		start: draft.startAt,
		end: draft.endAt,
		festival: getFestivalBounds(f),
		now: ctx.now,
		checkLead: false,
	});
	for (const p of window) issues.push({ field: p.field, message: `rooms.window.${p.problem}` });
	return invalidAll(issues);
}

/** What the audit log keeps of a showcase: everything staff typed, in one object. */
function describe(draft: ShowcaseDraft | ShowcaseRecord): unknown {
	if ('room' in draft) {
		const r = draft.room;
		return {
			title: r.title,
			titleEn: r.titleEn,
			startAt: r.startAt.toISOString(),
			endAt: r.endAt.toISOString(),
			districtId: r.districtId,
			categoryId: r.categoryId,
			merchantId: r.merchantId,
			hosts: draft.hosts.map((h) => ({ name: h.name, title: h.title, districtId: h.districtId })),
			products: draft.products.map((p) => ({
				name: p.name,
				priceType: p.priceType,
				price: p.price,
			})),
		};
	}
	return {
		title: draft.title,
		titleEn: draft.titleEn,
		startAt: draft.startAt.toISOString(),
		endAt: draft.endAt.toISOString(),
		districtId: draft.districtId,
		categoryId: draft.categoryId,
		merchantId: draft.merchantId,
		hosts: draft.hosts.map((h) => ({ name: h.name, title: h.title, districtId: h.districtId })),
		products: draft.products.map((p) => ({ name: p.name, priceType: p.priceType, price: p.price })),
	};
}

function replaceHosts(db: Db, roomId: number, hosts: HostInput[]): void {
	db.delete(showcaseHost).where(eq(showcaseHost.roomId, roomId)).run();
	if (hosts.length === 0) return;
	db.insert(showcaseHost)
		.values(hosts.map((h, sort) => ({ ...h, roomId, sort })))
		.run();
}

/**
 * Creates a showcase session (`id` undefined) or saves an edit, with its hosts and products, in
 * one transaction with its audit event (`showcase.create` / `showcase.update`). A withdrawn
 * session cannot be edited.
 */
export function saveShowcase(
	ctx: ShowcaseContext,
	id: number | undefined,
	draft: ShowcaseDraft,
): StaffOutcome<{ roomId: number }> {
	const { db, festival: f, now } = ctx;
	const existing = id === undefined ? undefined : findShowcase(db, f, id);
	if (id !== undefined && !existing) return { ok: false, kind: 'notFound' };
	if (existing?.room.reviewStatus === 'cancelled') {
		return { ok: false, kind: 'forbidden', message: 'staff.showcase.cancelledNoEdit' };
	}
	const refused = checkReferences(ctx, draft);
	if (refused) return refused;
	const values = {
		title: draft.title,
		titleEn: draft.titleEn,
		description: draft.description,
		descriptionEn: draft.descriptionEn,
		anchorName: draft.anchorName,
		startAt: draft.startAt,
		endAt: draft.endAt,
		districtId: draft.districtId,
		categoryId: draft.categoryId,
		merchantId: draft.merchantId,
		updatedAt: now,
	};
	const actor = { userId: ctx.user.id, name: ctx.user.email };
	return db.$client.transaction((): StaffOutcome<{ roomId: number }> => {
		let roomId: number;
		if (existing) {
			roomId = existing.room.id;
			db.update(room).set(values).where(eq(room.id, roomId)).run();
		} else {
			roomId = db
				.insert(room)
				.values({
					...values,
					festivalId: f.id,
					kind: 'showcase',
					reviewStatus: 'approved',
					createdAt: now,
				})
				.returning({ id: room.id })
				.get().id;
		}
		replaceHosts(db, roomId, draft.hosts);
		replaceProducts(db, roomId, draft.products);
		recordAuditEvent(db, {
			actor,
			action: existing ? 'showcase.update' : 'showcase.create',
			entityType: 'room',
			entityId: roomId,
			before: existing ? describe(existing) : null,
			after: describe(draft),
			at: now,
		});
		return { ok: true, roomId };
	})();
}

/** Withdraws a showcase session (cancelled, final) through the review transition function. */
export function cancelShowcase(
	ctx: ShowcaseContext,
	id: number,
	seenUpdatedAt: Date,
): StaffOutcome<{ roomId: number }> {
	const found = findShowcase(ctx.db, ctx.festival, id);
	if (!found) return { ok: false, kind: 'notFound' };
	if (found.room.reviewStatus === 'cancelled') {
		return { ok: false, kind: 'conflict', message: 'staff.showcase.alreadyCancelled' };
	}
	try {
		ctx.db.$client.transaction(() =>
			setRoomReviewStatus(ctx.db, found.room, 'cancelled', {
				actor: staffActor(ctx.user),
				at: ctx.now,
				expectUpdatedAt: seenUpdatedAt,
			}),
		)();
	} catch (error) {
		if (error instanceof ReviewConflictError) {
			return { ok: false, kind: 'conflict', message: 'staff.review.changedSince' };
		}
		throw error;
	}
	return { ok: true, roomId: id };
}
