import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { category, district, merchant, room, roomProduct } from '../../../../db/schema';
import { deriveLivePhase } from '../../shared/live-phase';
import { merchantScope, roomScope } from '../cache/change-scope';
import { notePageDependsOn, noteRoomsShown } from '../cache/policy';
import type { Bilingual, HostSummary } from '../../shared/room-card';
import type { LivePhase, PriceType, RoomKind } from '../../shared/status';
import type { Db } from '../db';
import { describeWatchability, type Watchability } from '../deeplink/watchability';
import { listHostsByRoom } from './cards';
import { getPublicRoomCondition } from './visibility';

const roomDistrict = alias(district, 'room_district');
const roomCategory = alias(category, 'room_category');

export interface RoomProductView {
	name: Bilingual;
	priceType: PriceType;
	price: number;
	price2: number | null;
	/** The product picture's image key (shared/image.ts), or null. */
	image: string | null;
}

export interface RoomDetail {
	id: number;
	kind: RoomKind;
	title: Bilingual;
	description: Bilingual;
	anchorName: string;
	startAt: Date;
	endAt: Date;
	phase: LivePhase;
	replayExpiresAt: Date | null;
	/** When the WeChat live plugin's status was last read, if it ever was. */
	liveStatusCheckedAt: Date | null;
	/** The replay's address as stored (check it with shared/room-replay.ts before linking). */
	replayUrl: string | null;
	/** The WeChat live room id the merchant's room page takes as `room_id`. */
	wxRoomId: number | null;
	updatedAt: Date;
	/** The mini program that carries the room (its merchant's), for /go; null for none. */
	miniProgram: { appId: string; roomPagePath: string; urlLink: string | null } | null;
	tags: string[];
	merchant: { id: number; name: Bilingual } | null;
	district: Bilingual;
	category: Bilingual;
	products: RoomProductView[];
	hosts: HostSummary[];
	/** The cover's image key, or null. */
	cover: string | null;
	/** Whether /go has a way in, and what it lacks (deeplink/watchability.ts). */
	watch: Watchability;
}

/** A public room with its products and hosts, or undefined when it does not exist or is not public. */
export function findPublicRoom(
	db: Db,
	festivalId: number,
	id: number,
	now: Date,
): RoomDetail | undefined {
	const r = db
		.select({
			room,
			merchantName: merchant.nameZh,
			merchantNameEn: merchant.nameEn,
			appId: merchant.appId,
			roomPagePath: merchant.roomPagePath,
			urlLink: merchant.urlLink,
			district: roomDistrict,
			category: roomCategory,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.innerJoin(roomDistrict, eq(roomDistrict.id, room.districtId))
		.innerJoin(roomCategory, eq(roomCategory.id, room.categoryId))
		.where(and(getPublicRoomCondition(festivalId), eq(room.id, id)))
		.get();
	if (!r) return undefined;
	const products = db
		.select()
		.from(roomProduct)
		.where(eq(roomProduct.roomId, id))
		.orderBy(asc(roomProduct.sort), asc(roomProduct.id))
		.all();
	const hosts = r.room.kind === 'showcase' ? (listHostsByRoom(db, [id]).get(id) ?? []) : [];
	noteRoomsShown(now, [r.room]);
	const miniProgram =
		r.appId === null || r.roomPagePath === null
			? null
			: { appId: r.appId, roomPagePath: r.roomPagePath, urlLink: r.urlLink };
	notePageDependsOn(
		roomScope(id),
		...(r.room.merchantId === null ? [] : [merchantScope(r.room.merchantId)]),
	);
	return {
		id: r.room.id,
		kind: r.room.kind,
		title: { zh: r.room.title, en: r.room.titleEn },
		description: { zh: r.room.description, en: r.room.descriptionEn },
		anchorName: r.room.anchorName,
		startAt: r.room.startAt,
		endAt: r.room.endAt,
		phase: deriveLivePhase(r.room, now),
		replayExpiresAt: r.room.replayUrl ? r.room.replayExpiresAt : null,
		liveStatusCheckedAt: r.room.liveStatus === null ? null : r.room.liveStatusAt,
		replayUrl: r.room.replayUrl,
		wxRoomId: r.room.wxRoomId,
		updatedAt: r.room.updatedAt,
		miniProgram,
		tags: r.room.tags,
		merchant:
			r.room.merchantId === null || r.merchantName === null
				? null
				: { id: r.room.merchantId, name: { zh: r.merchantName, en: r.merchantNameEn } },
		district: { zh: r.district.nameZh, en: r.district.nameEn },
		category: { zh: r.category.nameZh, en: r.category.nameEn },
		products: products.map((p) => ({
			name: { zh: p.name, en: p.nameEn },
			priceType: p.priceType,
			price: p.price,
			price2: p.price2,
			image: p.imageKey || null,
		})),
		hosts,
		cover: r.room.coverKey || null,
		watch: describeWatchability(miniProgram, r.room.wxRoomId),
	};
}
