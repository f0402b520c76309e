import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { merchant, room, roomProduct, showcaseHost } from '../../../../db/schema';
import { MERCHANT_STATUSES, REVIEW_STATUSES, type ReviewStatus } from '../../shared/status';
import type { Db } from '../db';
import type { Festival } from '../festival/current';

/** Reading government showcase sessions for the console (writing them: showcase.ts). */

export interface ShowcaseSummary {
	id: number;
	title: string;
	startAt: Date;
	endAt: Date;
	reviewStatus: ReviewStatus;
	carrier: string | null;
	hosts: string[];
}

/**
 * The festival's showcase rooms, found through indexes rather than by reading every room: the
 * public ones on `room_public_kind_idx`, those not approved on the short status ranges of
 * `room_schedule_idx`, and approved ones whose carrier is not approved through that merchant's
 * rooms. (A showcase is public exactly when it is approved and its carrier, if any, is.)
 */
function showcaseIdsSql(f: Festival): SQL {
	const list = (values: readonly string[]) =>
		sql.join(
			values.map((v) => sql`${v}`),
			sql`, `,
		);
	const unapproved = REVIEW_STATUSES.filter((s) => s !== 'approved');
	const unapprovedCarrier = MERCHANT_STATUSES.filter((s) => s !== 'approved');
	return sql`select id from room where festival_id = ${f.id} and is_public = 1 and kind = 'showcase'
		union all select id from room where festival_id = ${f.id} and kind = 'showcase'
			and review_status in (${list(unapproved)})
		union all select id from room where merchant_id in
			(select id from merchant where status in (${list(unapprovedCarrier)}))
			and festival_id = ${f.id} and review_status = 'approved' and kind = 'showcase'`;
}

/** Every showcase session of the festival, withdrawn ones included, in time order. */
export function listShowcases(db: Db, f: Festival): ShowcaseSummary[] {
	const rows = db
		.select({
			id: room.id,
			title: room.title,
			startAt: room.startAt,
			endAt: room.endAt,
			reviewStatus: room.reviewStatus,
			carrier: merchant.nameZh,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(sql`${room.id} in (${showcaseIdsSql(f)})`)
		.orderBy(asc(room.startAt), asc(room.id))
		.all();
	const hosts =
		rows.length === 0
			? []
			: db
					.select({
						roomId: showcaseHost.roomId,
						name: showcaseHost.name,
						title: showcaseHost.title,
					})
					.from(showcaseHost)
					.where(
						inArray(
							showcaseHost.roomId,
							rows.map((r) => r.id),
						),
					)
					.orderBy(asc(showcaseHost.sort), asc(showcaseHost.id))
					.all();
	return rows.map((r) => ({
		...r,
		hosts: hosts.filter((h) => h.roomId === r.id).map((h) => `${h.name}（${h.title}）`),
	}));
}

export interface ShowcaseRecord {
	room: typeof room.$inferSelect;
	hosts: (typeof showcaseHost.$inferSelect)[];
	products: (typeof roomProduct.$inferSelect)[];
}

/** One showcase session with its hosts and products; undefined for any other room. */
export function findShowcase(db: Db, f: Festival, id: number): ShowcaseRecord | undefined {
	const found = db
		.select()
		.from(room)
		.where(and(eq(room.id, id), eq(room.festivalId, f.id), eq(room.kind, 'showcase')))
		.get();
	if (!found) return undefined;
	return {
		room: found,
		hosts: db
			.select()
			.from(showcaseHost)
			.where(eq(showcaseHost.roomId, id))
			.orderBy(asc(showcaseHost.sort), asc(showcaseHost.id))
			.all(),
		products: db
			.select()
			.from(roomProduct)
			.where(eq(roomProduct.roomId, id))
			.orderBy(asc(roomProduct.sort), asc(roomProduct.id))
			.all(),
	};
}
