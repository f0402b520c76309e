import { and, asc, eq, isNotNull, max, sql } from 'drizzle-orm';
import { merchant, room } from '../../../../db/schema';
import type { MerchantStatus, ReviewStatus, RoomKind } from '../../shared/status';
import { getDayKey } from '../../shared/time';
import type { AuthUser } from '../auth/session';
import { recordAuditEvent } from '../audit/record';
import type { Db } from '../db';
import { HOME_FEATURED_LIMIT } from '../festival/overview';
import type { Festival } from '../festival/current';
import { getPublicRoomCondition } from '../room/visibility';
import { dayCondition } from './featured-candidates';
import type { StaffOutcome } from './outcome';

/**
 * The home page's featured rooms, curated per festival day. `room.featured_rank` is a room's
 * position among the featured rooms starting on the same festival-zone day; null is not featured.
 * The home page lists featured rooms through the public condition, so a featured room that is
 * later rejected, cancelled or whose merchant is suspended drops out by itself. Every change here
 * writes one audit event in the same transaction; the public pages follow the room's triggers.
 */

export interface FeaturedItem {
	id: number;
	kind: RoomKind;
	title: string;
	startAt: Date;
	endAt: Date;
	merchantName: string | null;
	reviewStatus: ReviewStatus;
	merchantStatus: MerchantStatus | null;
	rank: number;
}

/** A day's featured rooms in order: `shown` are public, `hidden` no longer are (and do not show). */
export function listFeatured(
	db: Db,
	f: Festival,
	day: string,
): { shown: FeaturedItem[]; hidden: FeaturedItem[] } {
	const rows = db
		.select({
			id: room.id,
			kind: room.kind,
			title: room.title,
			startAt: room.startAt,
			endAt: room.endAt,
			merchantName: merchant.nameZh,
			reviewStatus: room.reviewStatus,
			merchantStatus: merchant.status,
			rank: room.featuredRank,
			isPublic: sql<number>`coalesce((${getPublicRoomCondition(f.id)}), 0)`,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(and(eq(room.festivalId, f.id), isNotNull(room.featuredRank), dayCondition(f, day)))
		.orderBy(asc(room.featuredRank), asc(room.id))
		.all();
	const items = rows.map(({ isPublic, rank, ...r }) => ({ ...r, rank: rank!, isPublic }));
	return {
		shown: items.filter((i) => i.isPublic === 1).map(({ isPublic: _, ...i }) => i),
		hidden: items.filter((i) => i.isPublic !== 1).map(({ isPublic: _, ...i }) => i),
	};
}

export { CANDIDATES_PAGE_SIZE, listCandidates, type Candidate } from './featured-candidates';

interface CurationContext {
	db: Db;
	user: AuthUser;
	festival: Festival;
	now: Date;
}

function findRoom(ctx: CurationContext, roomId: number) {
	return ctx.db
		.select({
			id: room.id,
			startAt: room.startAt,
			featuredRank: room.featuredRank,
			watchable: room.watchable,
			isPublic: sql<number>`coalesce((${getPublicRoomCondition(ctx.festival.id)}), 0)`,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(and(eq(room.id, roomId), eq(room.festivalId, ctx.festival.id)))
		.get();
}

function audit(
	ctx: CurationContext,
	action: string,
	entityId: number | null,
	before: unknown,
	after: unknown,
): void {
	recordAuditEvent(ctx.db, {
		actor: { userId: ctx.user.id, name: ctx.user.email },
		action,
		entityType: 'featured',
		entityId,
		before,
		after,
		at: ctx.now,
	});
}

/** Features a public room at the end of its day's list (at most HOME_FEATURED_LIMIT a day). */
export function addFeatured(
	ctx: CurationContext,
	roomId: number,
): StaffOutcome<{ day: string; rank: number }> {
	const { db, festival: f } = ctx;
	return db.$client.transaction((): StaffOutcome<{ day: string; rank: number }> => {
		const target = findRoom(ctx, roomId);
		if (!target) return { ok: false, kind: 'notFound' };
		const day = getDayKey(target.startAt, f.timezone);
		if (target.featuredRank !== null) {
			return { ok: false, kind: 'conflict', message: 'staff.featured.already' };
		}
		if (target.isPublic !== 1) {
			return { ok: false, kind: 'forbidden', message: 'staff.featured.notPublic' };
		}
		// The home page's featured rooms are its promise of a good watch: a room /go has no way into
		// (deeplink/watchability.ts) cannot be one.
		if (!target.watchable) {
			return { ok: false, kind: 'forbidden', message: 'watch.featureRefused' };
		}
		const { shown } = listFeatured(db, f, day);
		if (shown.length >= HOME_FEATURED_LIMIT) {
			return {
				ok: false,
				kind: 'forbidden',
				message: `staff.featured.full?max=${HOME_FEATURED_LIMIT}`,
			};
		}
		const last = db
			.select({ rank: max(room.featuredRank) })
			.from(room)
			.where(and(eq(room.festivalId, f.id), isNotNull(room.featuredRank), dayCondition(f, day)))
			.get();
		const rank = (last?.rank ?? 0) + 1;
		db.update(room).set({ featuredRank: rank }).where(eq(room.id, roomId)).run();
		audit(ctx, 'featured.add', roomId, { featuredRank: null }, { featuredRank: rank, day });
		return { ok: true, day, rank };
	})();
}

/** Takes a room off the featured list (it stays public). */
export function removeFeatured(
	ctx: CurationContext,
	roomId: number,
): StaffOutcome<{ day: string }> {
	const { db, festival: f } = ctx;
	return db.$client.transaction((): StaffOutcome<{ day: string }> => {
		const target = findRoom(ctx, roomId);
		if (!target) return { ok: false, kind: 'notFound' };
		const day = getDayKey(target.startAt, f.timezone);
		if (target.featuredRank === null) {
			return { ok: false, kind: 'conflict', message: 'staff.featured.notFeatured' };
		}
		db.update(room).set({ featuredRank: null }).where(eq(room.id, roomId)).run();
		audit(
			ctx,
			'featured.remove',
			roomId,
			{ featuredRank: target.featuredRank, day },
			{
				featuredRank: null,
			},
		);
		return { ok: true, day };
	})();
}

/** Writes ranks 1…n for `order` and records the one reorder event. */
function applyOrder(ctx: CurationContext, day: string, before: number[], order: number[]): void {
	order.forEach((id, i) => {
		ctx.db
			.update(room)
			.set({ featuredRank: i + 1 })
			.where(eq(room.id, id))
			.run();
	});
	audit(ctx, 'featured.reorder', null, { day, order: before }, { day, order });
}

/** Moves a featured room one place up or down among its day's shown rooms. */
export function moveFeatured(
	ctx: CurationContext,
	roomId: number,
	direction: 'up' | 'down',
): StaffOutcome<{ day: string }> {
	const { db, festival: f } = ctx;
	return db.$client.transaction((): StaffOutcome<{ day: string }> => {
		const target = findRoom(ctx, roomId);
		if (!target) return { ok: false, kind: 'notFound' };
		const day = getDayKey(target.startAt, f.timezone);
		const before = listFeatured(db, f, day).shown.map((i) => i.id);
		const at = before.indexOf(roomId);
		if (at < 0) return { ok: false, kind: 'conflict', message: 'staff.featured.notFeatured' };
		const to = direction === 'up' ? at - 1 : at + 1;
		if (to < 0 || to >= before.length) return { ok: true, day };
		const order = [...before];
		[order[at], order[to]] = [order[to]!, order[at]!];
		applyOrder(ctx, day, before, order);
		return { ok: true, day };
	})();
}

/**
 * Sets a day's whole order at once (drag and drop). `order` must list exactly the day's shown
 * featured rooms; if someone changed the list meanwhile, nothing is written (`conflict`).
 */
export function reorderFeatured(
	ctx: CurationContext,
	day: string,
	order: number[],
): StaffOutcome<{ day: string }> {
	const { db, festival: f } = ctx;
	return db.$client.transaction((): StaffOutcome<{ day: string }> => {
		const before = listFeatured(db, f, day).shown.map((i) => i.id);
		const same =
			order.length === before.length &&
			new Set(order).size === order.length &&
			order.every((id) => before.includes(id));
		if (!same) return { ok: false, kind: 'conflict', message: 'staff.featured.changed' };
		if (order.every((id, i) => before[i] === id)) return { ok: true, day };
		applyOrder(ctx, day, before, order);
		return { ok: true, day };
	})();
}
