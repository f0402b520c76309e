import type Database from 'better-sqlite3';
import { isWatchableRoom } from '../../src/lib/server/deeplink/watchability';
import { pickSeedProductImage } from '../../src/lib/server/media/seed-pictures';
import { seedCoverKey } from './demo-rows';
import { planCalendar, type FestivalCalendar } from './calendar';
import type { MerchantPlan } from './merchants';
import type { RoomPlan } from './room-plan';

/** The festival a growth adds to, and the ids its rows point at. */
export interface FestivalReference {
	festivalId: number;
	calendar: FestivalCalendar;
	districtIds: ReadonlyMap<string, number>;
	categoryIds: ReadonlyMap<string, number>;
}

/** Rows written so far, for the summary. */
export interface BulkCounts {
	merchants: number;
	rooms: number;
	publicRooms: number;
	showcaseRooms: number;
	products: number;
	hosts: number;
}

/** Appends merchants and rooms (with their products and hosts), returning the ids they got. */
export interface BulkRows {
	addMerchant(plan: MerchantPlan): number;
	addRoom(plan: RoomPlan, merchantId: number | null, merchantApproved: boolean): number;
	readonly counts: BulkCounts;
}

/** Reads the current festival (the demo's, seeded first) and its reference ids. */
export function loadFestivalReference(sqlite: Database.Database): FestivalReference {
	const festival = sqlite
		.prepare('SELECT id, start_date AS startDate FROM festival WHERE is_current = 1 LIMIT 1')
		.get() as { id: number; startDate: string } | undefined;
	if (!festival) throw new Error('growFestival: seed the demo festival first');
	const ids = (table: 'district' | 'category'): Map<string, number> =>
		new Map(
			(sqlite.prepare(`SELECT code, id FROM ${table}`).all() as { code: string; id: number }[]).map(
				(r) => [r.code, r.id],
			),
		);
	return {
		festivalId: festival.id,
		calendar: planCalendar(festival.startDate),
		districtIds: ids('district'),
		categoryIds: ids('category'),
	};
}

/** The id AUTOINCREMENT would hand out next: above every id the table ever had. */
function readNextId(sqlite: Database.Database, table: string): number {
	const used = sqlite
		.prepare(
			`SELECT max(coalesce((SELECT max(id) FROM ${table}), 0),
				coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))`,
		)
		.pluck()
		.get(table) as number;
	return used + 1;
}

/**
 * Prepared single-row statements with ids assigned here rather than read back, so a room's
 * products need no lookup. `is_public` is written as the trigger of migration 0009 would set it
 * (approved room, approved or no merchant): the trigger still checks it, but finds nothing to
 * change, which spares every room a second write. The caller owns the transaction.
 */
export function createBulkRows(sqlite: Database.Database, ref: FestivalReference): BulkRows {
	const insertMerchant = sqlite.prepare(`INSERT INTO merchant (id, legal_name, name_zh, name_en,
		credit_code, district_id, category_id, app_id, room_page_path, url_link, contact_name,
		contact_mobile, status, review_note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
	const insertRoom = sqlite.prepare(`INSERT INTO room (id, festival_id, merchant_id, kind, title,
		title_en, description, description_en, anchor_name, district_id, category_id, start_at,
		end_at, wx_room_id, replay_url, replay_expires_at, review_status, review_note, is_public,
		tags, created_at, updated_at, watchable, cover_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
	const insertProduct = sqlite.prepare(`INSERT INTO room_product (room_id, name, name_en,
		price_type, price, price2, sort, image_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
	const insertHost = sqlite.prepare(`INSERT INTO showcase_host (room_id, name, name_en, title,
		title_en, district_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?)`);
	// What watchability needs of the merchants added here (a showcase's carrier is one of them).
	const miniPrograms = new Map<number, Pick<MerchantPlan, 'appId' | 'roomPagePath' | 'urlLink'>>();
	let nextMerchantId = readNextId(sqlite, 'merchant');
	let nextRoomId = readNextId(sqlite, 'room');
	const counts: BulkCounts = {
		merchants: 0,
		rooms: 0,
		publicRooms: 0,
		showcaseRooms: 0,
		products: 0,
		hosts: 0,
	};
	const idOf = (ids: ReadonlyMap<string, number>, code: string): number => {
		const id = ids.get(code);
		if (id === undefined) throw new Error(`Reference row missing for ${code}`);
		return id;
	};

	return {
		counts,
		addMerchant(m) {
			const id = nextMerchantId++;
			insertMerchant.run(
				id,
				m.legalName,
				m.nameZh,
				m.nameEn,
				m.creditCode,
				idOf(ref.districtIds, m.district.code),
				idOf(ref.categoryIds, m.category.code),
				m.appId,
				m.roomPagePath,
				m.urlLink,
				m.contactName,
				m.contactMobile,
				m.status,
				m.reviewNote,
				m.createdAt,
				m.updatedAt,
			);
			miniPrograms.set(id, { appId: m.appId, roomPagePath: m.roomPagePath, urlLink: m.urlLink });
			counts.merchants += 1;
			return id;
		},
		addRoom(r, merchantId, merchantApproved) {
			const id = nextRoomId++;
			const isPublic = r.reviewStatus === 'approved' && (merchantId === null || merchantApproved);
			// As the trigger of migration 0021 would set it (it then finds nothing to change).
			const mp = merchantId === null ? undefined : miniPrograms.get(merchantId);
			const watchable = mp
				? isWatchableRoom(mp.appId, mp.roomPagePath, mp.urlLink, r.wxRoomId)
				: false;
			insertRoom.run(
				id,
				ref.festivalId,
				merchantId,
				r.kind,
				r.title.zh,
				r.title.en,
				r.description.zh,
				r.description.en,
				r.anchorName,
				idOf(ref.districtIds, r.districtCode),
				idOf(ref.categoryIds, r.categoryCode),
				r.startAt,
				r.endAt,
				r.wxRoomId,
				r.replayUrl,
				r.replayExpiresAt,
				r.reviewStatus,
				r.reviewNote,
				isPublic ? 1 : 0,
				JSON.stringify(r.tags),
				r.createdAt,
				r.updatedAt,
				watchable ? 1 : 0,
				seedCoverKey(r.categoryCode, id),
			);
			r.products.forEach((p, sort) =>
				insertProduct.run(
					id,
					p.name,
					p.nameEn,
					p.priceType,
					p.price,
					p.price2,
					sort,
					pickSeedProductImage(r.categoryCode, p.name),
				),
			);
			r.hosts.forEach((h, sort) =>
				insertHost.run(
					id,
					h.name,
					h.nameEn,
					h.title,
					h.titleEn,
					h.districtCode === null ? null : idOf(ref.districtIds, h.districtCode),
					sort,
				),
			);
			counts.rooms += 1;
			if (isPublic) counts.publicRooms += 1;
			if (r.kind === 'showcase') counts.showcaseRooms += 1;
			counts.products += r.products.length;
			counts.hosts += r.hosts.length;
			return id;
		},
	};
}
