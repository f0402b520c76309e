import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { category, merchant, room } from '../../../../db/schema';
import { pickName } from '../../shared/room-card';
import type { Locale } from '../../shared/time';
import type { Db } from '../db';
import { getPublicRoomCondition } from '../room/visibility';
import type { CalendarRoom } from './calendar';

const roomCategory = alias(category, 'room_category');

export interface CalendarRoomContext {
	festivalId: number;
	locale: Locale;
	/** `/go/{id}` as an absolute URL in the locale. */
	goUrl: (id: number) => string;
	/** The LOCATION text for a room carried by `merchant` (or by nobody). */
	location: (merchantName: string | null) => string;
}

/**
 * Calendar entries for the given room ids, in one statement whatever their number: public rooms,
 * and — when `includeCancelled` — cancelled rooms of the festival, so a subscribed feed can tell
 * its clients that a starred room was called off. Other rooms (in review, of a suspended merchant,
 * unknown) are left out, as on the public pages. Ordered by start time.
 */
export function listCalendarRooms(
	db: Db,
	ids: number[],
	ctx: CalendarRoomContext,
	options: { includeCancelled: boolean },
): CalendarRoom[] {
	if (ids.length === 0) return [];
	const visible = options.includeCancelled
		? or(
				getPublicRoomCondition(ctx.festivalId),
				and(eq(room.festivalId, ctx.festivalId), eq(room.reviewStatus, 'cancelled')),
			)
		: getPublicRoomCondition(ctx.festivalId);
	const rows = db
		.select({
			id: room.id,
			reviewStatus: room.reviewStatus,
			title: room.title,
			titleEn: room.titleEn,
			description: room.description,
			descriptionEn: room.descriptionEn,
			startAt: room.startAt,
			endAt: room.endAt,
			updatedAt: room.updatedAt,
			merchantName: merchant.nameZh,
			merchantNameEn: merchant.nameEn,
			categoryName: roomCategory.nameZh,
			categoryNameEn: roomCategory.nameEn,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.innerJoin(roomCategory, eq(roomCategory.id, room.categoryId))
		.where(and(inArray(room.id, ids), visible))
		.orderBy(asc(room.startAt), asc(room.id))
		.all();
	return rows.map((r) => {
		const cancelled = r.reviewStatus === 'cancelled';
		const merchantName =
			r.merchantName === null
				? null
				: pickName({ zh: r.merchantName, en: r.merchantNameEn }, ctx.locale);
		return {
			id: r.id,
			status: cancelled ? 'cancelled' : 'confirmed',
			title: cancelled ? '' : pickName({ zh: r.title, en: r.titleEn }, ctx.locale),
			description: cancelled
				? ''
				: pickName({ zh: r.description, en: r.descriptionEn }, ctx.locale),
			location: cancelled ? '' : ctx.location(merchantName),
			startAt: r.startAt,
			endAt: r.endAt,
			updatedAt: r.updatedAt,
			url: ctx.goUrl(r.id),
			categories: cancelled
				? []
				: [pickName({ zh: r.categoryName, en: r.categoryNameEn }, ctx.locale)],
		};
	});
}
