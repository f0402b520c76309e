import { and, asc, count, eq, ne } from 'drizzle-orm';
import { category, district, merchant, room, user } from '../../../../db/schema';
import { REVIEW_STATUSES, type ReviewStatus } from '../../shared/status';
import type { Db } from '../db';
import type { Festival } from '../festival/current';

export interface MerchantForReview {
	merchant: typeof merchant.$inferSelect;
	ownerEmail: string | null;
	district: { zh: string; en: string };
	category: { zh: string; en: string };
	/** Its rooms in the current festival by review status. */
	rooms: Record<ReviewStatus, number>;
	/** Other registrations naming the same mini program: a typo, or one business twice. */
	sameAppId: { id: number; name: string; status: string }[];
}

/** Everything a reviewer needs to decide on one registration, on one screen. */
export function findMerchantForReview(
	db: Db,
	f: Festival | undefined,
	id: number,
): MerchantForReview | undefined {
	const found = db
		.select({ merchant, ownerEmail: user.email, district, category })
		.from(merchant)
		.innerJoin(district, eq(district.id, merchant.districtId))
		.innerJoin(category, eq(category.id, merchant.categoryId))
		.leftJoin(user, eq(user.id, merchant.ownerUserId))
		.where(eq(merchant.id, id))
		.get();
	if (!found) return undefined;
	const rooms = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<
		ReviewStatus,
		number
	>;
	if (f) {
		const counts = db
			.select({ status: room.reviewStatus, n: count() })
			.from(room)
			.where(and(eq(room.merchantId, id), eq(room.festivalId, f.id)))
			.groupBy(room.reviewStatus)
			.all();
		for (const c of counts) rooms[c.status] = c.n;
	}
	const sameAppId = db
		.select({ id: merchant.id, name: merchant.nameZh, status: merchant.status })
		.from(merchant)
		.where(and(eq(merchant.appId, found.merchant.appId), ne(merchant.id, id)))
		.orderBy(asc(merchant.id))
		.limit(20)
		.all();
	return {
		merchant: found.merchant,
		ownerEmail: found.ownerEmail,
		district: { zh: found.district.nameZh, en: found.district.nameEn },
		category: { zh: found.category.nameZh, en: found.category.nameEn },
		rooms,
		sameAppId,
	};
}

/** The oldest registration still waiting, other than `exceptId`. */
export function findNextMerchantInQueue(
	db: Db,
	exceptId: number,
	districtId?: number,
): number | undefined {
	return db
		.select({ id: merchant.id })
		.from(merchant)
		.where(
			and(
				eq(merchant.status, 'pending'),
				ne(merchant.id, exceptId),
				districtId === undefined ? undefined : eq(merchant.districtId, districtId),
			),
		)
		.orderBy(asc(merchant.updatedAt), asc(merchant.id))
		.get()?.id;
}

/** The district a merchant is registered in, or undefined when there is no such merchant. */
export function findMerchantDistrict(db: Db, merchantId: number): number | undefined {
	return db
		.select({ d: merchant.districtId })
		.from(merchant)
		.where(eq(merchant.id, merchantId))
		.get()?.d;
}
