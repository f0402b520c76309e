import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import {
	category,
	district,
	merchant,
	room,
	roomProduct,
	showcaseHost,
	user,
} from '../../../../db/schema';
import { REVIEW_STATUSES, type ReviewStatus } from '../../shared/status';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { buildDeepLinkPreview, type DeepLinkPreview } from './deeplink-preview';
import { LIVE_REVIEW_STATUSES } from './queue';

export type RoomRow = typeof room.$inferSelect;
export type MerchantRow = typeof merchant.$inferSelect;

export interface RoomForReview {
	room: RoomRow;
	district: { zh: string; en: string };
	category: { zh: string; en: string };
	products: (typeof roomProduct.$inferSelect)[];
	hosts: (typeof showcaseHost.$inferSelect)[];
	merchant: (MerchantRow & { ownerEmail: string | null }) | null;
	/** The merchant's rooms in this festival by review status: its standing at a glance. */
	standing: Record<ReviewStatus, number>;
	/** Its other submitted or approved rooms whose times overlap this one. */
	overlaps: Pick<RoomRow, 'id' | 'title' | 'startAt' | 'endAt' | 'reviewStatus'>[];
	deepLink: DeepLinkPreview;
}

/**
 * Everything a reviewer needs to decide on one room, on one screen: the room with its products
 * (and hosts for a showcase), the merchant and its standing, overlapping rooms of the same
 * merchant and the deep link citizens will be sent through. Undefined for another festival's room.
 */
export function findRoomForReview(
	db: Db,
	f: Festival,
	id: number,
	origin: string,
): RoomForReview | undefined {
	const found = db
		.select({ room, district, category })
		.from(room)
		.innerJoin(district, eq(district.id, room.districtId))
		.innerJoin(category, eq(category.id, room.categoryId))
		.where(and(eq(room.id, id), eq(room.festivalId, f.id)))
		.get();
	if (!found) return undefined;
	const r = found.room;
	const products = db
		.select()
		.from(roomProduct)
		.where(eq(roomProduct.roomId, id))
		.orderBy(asc(roomProduct.sort), asc(roomProduct.id))
		.all();
	const hosts = db
		.select()
		.from(showcaseHost)
		.where(eq(showcaseHost.roomId, id))
		.orderBy(asc(showcaseHost.sort), asc(showcaseHost.id))
		.all();
	const owner =
		r.merchantId === null
			? undefined
			: db
					.select({ merchant, ownerEmail: user.email })
					.from(merchant)
					.leftJoin(user, eq(user.id, merchant.ownerUserId))
					.where(eq(merchant.id, r.merchantId))
					.get();
	const standing = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<
		ReviewStatus,
		number
	>;
	let overlaps: RoomForReview['overlaps'] = [];
	if (r.merchantId !== null) {
		const counts = db
			.select({ status: room.reviewStatus, n: count() })
			.from(room)
			.where(and(eq(room.merchantId, r.merchantId), eq(room.festivalId, f.id)))
			.groupBy(room.reviewStatus)
			.all();
		for (const c of counts) standing[c.status] = c.n;
		overlaps = db
			.select({
				id: room.id,
				title: room.title,
				startAt: room.startAt,
				endAt: room.endAt,
				reviewStatus: room.reviewStatus,
			})
			.from(room)
			.where(
				and(
					eq(room.merchantId, r.merchantId),
					ne(room.id, r.id),
					inArray(room.reviewStatus, LIVE_REVIEW_STATUSES),
					sql`${room.startAt} < ${r.endAt.getTime()}`,
					sql`${room.endAt} > ${r.startAt.getTime()}`,
				),
			)
			.orderBy(asc(room.startAt), asc(room.id))
			.all();
	}
	const carrier = owner?.merchant ?? null;
	return {
		room: r,
		district: { zh: found.district.nameZh, en: found.district.nameEn },
		category: { zh: found.category.nameZh, en: found.category.nameEn },
		products,
		hosts,
		merchant: owner ? { ...owner.merchant, ownerEmail: owner.ownerEmail } : null,
		standing,
		overlaps,
		deepLink: buildDeepLinkPreview({
			origin,
			roomId: r.id,
			wxRoomId: r.wxRoomId,
			festival: f.slug,
			carrier,
		}),
	};
}

/** The oldest room still waiting, other than `exceptId`: where a reviewer goes after deciding. */
export function findNextRoomInQueue(
	db: Db,
	f: Festival,
	exceptId: number,
	districtId?: number,
): number | undefined {
	return db
		.select({ id: room.id })
		.from(room)
		.where(
			and(
				eq(room.festivalId, f.id),
				eq(room.reviewStatus, 'submitted'),
				ne(room.id, exceptId),
				districtId === undefined ? undefined : eq(room.districtId, districtId),
			),
		)
		.orderBy(asc(room.updatedAt), asc(room.id))
		.get()?.id;
}

/** The district a room belongs to (its own), or undefined when there is no such room. */
export function findRoomDistrict(db: Db, roomId: number): number | undefined {
	return db.select({ d: room.districtId }).from(room).where(eq(room.id, roomId)).get()?.d;
}
