import { and, asc, count, desc, eq, ne } from 'drizzle-orm';
import { room, roomProduct, roomResult } from '../../../../db/schema';
import type { ProductInput } from '../../shared/forms/room-form';
import type { ReviewStatus } from '../../shared/status';
import type { Db } from '../db';
import { findKnownImageKey } from '../media/image-refs';

export type RoomRow = typeof room.$inferSelect;
export type ProductRow = typeof roomProduct.$inferSelect;

/** A room as its merchant lists it. */
export interface OwnRoomSummary {
	id: number;
	title: string;
	startAt: Date;
	endAt: Date;
	reviewStatus: ReviewStatus;
	reviewNote: string | null;
	wxRoomId: number | null;
	liveStatus: number | null;
	products: number;
	/** What the merchant reported of the session's results (null: not reported). */
	viewers: number | null;
	orders: number | null;
	salesFen: number | null;
}

/** A merchant's rooms in one festival, in time order: one statement. */
export function listOwnRooms(db: Db, merchantId: number, festivalId: number): OwnRoomSummary[] {
	return db
		.select({
			id: room.id,
			title: room.title,
			startAt: room.startAt,
			endAt: room.endAt,
			reviewStatus: room.reviewStatus,
			reviewNote: room.reviewNote,
			wxRoomId: room.wxRoomId,
			liveStatus: room.liveStatus,
			products: count(roomProduct.id),
			viewers: roomResult.viewers,
			orders: roomResult.orders,
			salesFen: roomResult.salesFen,
		})
		.from(room)
		.leftJoin(roomProduct, eq(roomProduct.roomId, room.id))
		.leftJoin(roomResult, eq(roomResult.roomId, room.id))
		.where(
			and(
				eq(room.merchantId, merchantId),
				eq(room.festivalId, festivalId),
				eq(room.kind, 'merchant'),
			),
		)
		.groupBy(room.id)
		.orderBy(asc(room.startAt), asc(room.id))
		.all();
}

/**
 * A room by id with its products, only when it is this merchant's own (kind `merchant`): any
 * other id, including another merchant's, is simply not found.
 */
export function findOwnRoom(
	db: Db,
	merchantId: number,
	roomId: number,
): { room: RoomRow; products: ProductRow[] } | undefined {
	const found = db
		.select()
		.from(room)
		.where(and(eq(room.id, roomId), eq(room.merchantId, merchantId), eq(room.kind, 'merchant')))
		.get();
	if (!found) return undefined;
	const products = db
		.select()
		.from(roomProduct)
		.where(eq(roomProduct.roomId, roomId))
		.orderBy(asc(roomProduct.sort), asc(roomProduct.id))
		.all();
	return { room: found, products };
}

/** The merchant's room carrying a WeChat room id, other than `exceptRoomId`. */
export function findRoomByWxId(
	db: Db,
	merchantId: number,
	wxRoomId: number,
	exceptRoomId?: number,
): RoomRow | undefined {
	const conditions = [eq(room.merchantId, merchantId), eq(room.wxRoomId, wxRoomId)];
	if (exceptRoomId !== undefined) conditions.push(ne(room.id, exceptRoomId));
	return db
		.select()
		.from(room)
		.where(and(...conditions))
		.orderBy(desc(room.id))
		.get();
}

/**
 * Replaces a room's products with `products`, in the given order. A product given without a
 * picture URL (the room form has none) keeps the picture of the product of the same name it
 * replaces; one given with a URL (an import) shows the picture already made from that URL, if any.
 */
export function replaceProducts(
	db: Db,
	roomId: number,
	products: (ProductInput & { coverUrl?: string | null; pagePath?: string | null })[],
): void {
	const before = new Map(
		db
			.select({ name: roomProduct.name, url: roomProduct.coverUrl, key: roomProduct.imageKey })
			.from(roomProduct)
			.where(eq(roomProduct.roomId, roomId))
			.all()
			.map((p) => [p.name, p]),
	);
	db.delete(roomProduct).where(eq(roomProduct.roomId, roomId)).run();
	if (products.length === 0) return;
	db.insert(roomProduct)
		.values(
			products.map((p, sort) => {
				const old = before.get(p.name);
				const coverUrl = p.coverUrl === undefined ? (old?.url ?? null) : p.coverUrl;
				const imageKey = old && old.url === coverUrl ? old.key : findKnownImageKey(db, coverUrl);
				return {
					roomId,
					name: p.name,
					priceType: p.priceType,
					price: p.price,
					price2: p.price2,
					coverUrl,
					imageKey,
					pagePath: p.pagePath ?? null,
					sort,
				};
			}),
		)
		.run();
}

/** Products in the shape the form and the importer compare, for "did anything change?". */
export function describeProducts(products: ProductRow[]): string {
	return JSON.stringify(products.map((p) => [p.name, p.priceType, p.price, p.price2 ?? null]));
}
