import { and, eq } from 'drizzle-orm';
import { category, district, merchant, room } from '../../../../db/schema';
import type { Bilingual, RoomCard } from '../../shared/room-card';
import { merchantRoomsScope, merchantScope } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import type { Db } from '../db';
import { listRoomCards } from '../room/cards';

export interface MerchantProfile {
	id: number;
	name: Bilingual;
	district: Bilingual;
	category: Bilingual;
}

/** An approved merchant's public profile; pending, rejected and suspended merchants are not shown. */
export function findPublicMerchant(db: Db, id: number): MerchantProfile | undefined {
	const r = db
		.select({ merchant, district, category })
		.from(merchant)
		.innerJoin(district, eq(district.id, merchant.districtId))
		.innerJoin(category, eq(category.id, merchant.categoryId))
		.where(and(eq(merchant.id, id), eq(merchant.status, 'approved')))
		.get();
	if (!r) return undefined;
	notePageDependsOn(merchantScope(id));
	return {
		id: r.merchant.id,
		name: { zh: r.merchant.nameZh, en: r.merchant.nameEn },
		district: { zh: r.district.nameZh, en: r.district.nameEn },
		category: { zh: r.category.nameZh, en: r.category.nameEn },
	};
}

/** A department store runs up to ~60 sessions a month; a festival's worth fits on one page. */
const MERCHANT_ROOMS_LIMIT = 300;

/** A merchant's public rooms in the festival, in time order. */
export function listMerchantRoomCards(
	db: Db,
	festivalId: number,
	merchantId: number,
	now: Date,
): RoomCard[] {
	return listRoomCards(db, {
		festivalId,
		now,
		where: eq(room.merchantId, merchantId),
		limit: MERCHANT_ROOMS_LIMIT,
		scope: merchantRoomsScope(merchantId),
	});
}
