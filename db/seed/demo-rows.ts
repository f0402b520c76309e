import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { isWatchableRoom } from '../../src/lib/server/deeplink/watchability';
import { pickSeedCover, pickSeedProductImage } from '../../src/lib/server/media/seed-pictures';
import { category, district, festival, merchant, room, roomProduct, showcaseHost } from '../schema';
import { DAY_MS, type FestivalCalendar } from './calendar';
import { addDays, toShanghaiInstant } from './shanghai-time';
import { CATEGORIES } from './content/categories';
import { CITY, DISTRICTS } from './content/districts';
import type { MerchantPlan } from './merchants';
import type { RoomPlan } from './room-plan';

/** The demo edition's identity; its dates come from the seed options. */
export const DEMO_FESTIVAL = {
	slug: 'gz-live-2026',
	nameZh: '2026广州直播带货节',
	nameEn: 'Guangzhou Live Commerce Festival 2026',
} as const;

export interface SeedSummary {
	festivalId: number;
	slug: string;
	startDate: string;
	endDate: string;
	districts: number;
	categories: number;
	merchants: number;
	merchantRooms: number;
	showcaseRooms: number;
	roomProducts: number;
	showcaseHosts: number;
	/** Venues added (db/seed/venues.ts); 0 until they are. */
	venues: number;
}

/** Rows per multi-row INSERT: room has 24 columns, and SQLite allows 32 766 bound parameters. */
const CHUNK = 500;

/**
 * Writes the planned demo rows, resolving codes and plan indices to the ids SQLite assigns.
 * The caller owns the transaction. Districts and categories already present (same city and code)
 * are reused rather than duplicated, since they are reference data other editions share.
 */
export function insertDemoRows(
	db: Db,
	calendar: FestivalCalendar,
	merchants: readonly MerchantPlan[],
	rooms: readonly RoomPlan[],
): SeedSummary {
	const [startDate, , endDate] = calendar.days;
	const createdAt = new Date(calendar.submissionOpensAt - 14 * DAY_MS);
	const [{ id: festivalId }] = db
		.insert(festival)
		.values({
			...DEMO_FESTIVAL,
			city: CITY,
			timezone: 'Asia/Shanghai',
			startDate,
			endDate,
			submissionOpensAt: new Date(calendar.submissionOpensAt),
			// The demo keeps submissions open until the festival ends, so a merchant trying the demo
			// (centred on today) can submit a room. The seeded rooms were all made before
			// `calendar.submissionClosesAt`, like a real festival's.
			submissionClosesAt: toShanghaiInstant(addDays(endDate, 1), 0),
			published: true,
			isCurrent: true,
			createdAt,
		})
		.returning({ id: festival.id })
		.all() as [{ id: number }];

	db.insert(district)
		.values(
			DISTRICTS.map((d, i) => ({
				city: CITY,
				code: d.code,
				nameZh: d.nameZh,
				nameEn: d.nameEn,
				sort: i + 1,
			})),
		)
		.onConflictDoNothing()
		.run();
	db.insert(category)
		.values(
			CATEGORIES.map((c, i) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, sort: i + 1 })),
		)
		.onConflictDoNothing()
		.run();
	const districtIds = new Map(
		db
			.select({ id: district.id, code: district.code })
			.from(district)
			.where(eq(district.city, CITY))
			.all()
			.map((r) => [r.code, r.id]),
	);
	const categoryIds = new Map(
		db
			.select({ id: category.id, code: category.code })
			.from(category)
			.all()
			.map((r) => [r.code, r.id]),
	);
	const idOf = (ids: Map<string, number>, code: string): number => {
		const id = ids.get(code);
		if (id === undefined) throw new Error(`Reference row missing for ${code}`);
		return id;
	};

	const merchantIds = insertChunked(
		merchants.map((m) => ({
			legalName: m.legalName,
			nameZh: m.nameZh,
			nameEn: m.nameEn,
			creditCode: m.creditCode,
			districtId: idOf(districtIds, m.district.code),
			categoryId: idOf(categoryIds, m.category.code),
			appId: m.appId,
			roomPagePath: m.roomPagePath,
			urlLink: m.urlLink,
			contactName: m.contactName,
			contactMobile: m.contactMobile,
			status: m.status,
			reviewNote: m.reviewNote,
			createdAt: new Date(m.createdAt),
			updatedAt: new Date(m.updatedAt),
		})),
		(chunk) => db.insert(merchant).values(chunk).returning({ id: merchant.id }).all(),
	);

	const roomIds = insertChunked(
		rooms.map((r, i) => ({
			festivalId,
			merchantId: r.merchantIndex === null ? null : merchantIds[r.merchantIndex]!,
			kind: r.kind,
			title: r.title.zh,
			titleEn: r.title.en,
			description: r.description.zh,
			descriptionEn: r.description.en,
			anchorName: r.anchorName,
			coverUrl: null,
			coverKey: seedCoverKey(r.categoryCode, i),
			districtId: idOf(districtIds, r.districtCode),
			categoryId: idOf(categoryIds, r.categoryCode),
			startAt: new Date(r.startAt),
			endAt: new Date(r.endAt),
			wxRoomId: r.wxRoomId,
			// As the trigger of migration 0021 would set it: it then finds nothing to change.
			watchable: isWatchableRoomPlan(r, merchants),
			replayUrl: r.replayUrl,
			replayExpiresAt: r.replayExpiresAt === null ? null : new Date(r.replayExpiresAt),
			reviewStatus: r.reviewStatus,
			reviewNote: r.reviewNote,
			featuredRank: null,
			tags: r.tags,
			createdAt: new Date(r.createdAt),
			updatedAt: new Date(r.updatedAt),
		})),
		(chunk) => db.insert(room).values(chunk).returning({ id: room.id }).all(),
	);

	const products = rooms.flatMap((r, i) =>
		r.products.map((p, sort) => ({
			roomId: roomIds[i]!,
			...p,
			coverUrl: null,
			imageKey: pickSeedProductImage(r.categoryCode, p.name),
			pagePath: null,
			sort,
		})),
	);
	insertChunked(products, (chunk) => {
		db.insert(roomProduct).values(chunk).run();
		return [];
	});
	const hosts = rooms.flatMap((r, i) =>
		r.hosts.map((h, sort) => ({
			roomId: roomIds[i]!,
			name: h.name,
			nameEn: h.nameEn,
			title: h.title,
			titleEn: h.titleEn,
			districtId: h.districtCode === null ? null : idOf(districtIds, h.districtCode),
			sort,
		})),
	);
	insertChunked(hosts, (chunk) => {
		db.insert(showcaseHost).values(chunk).run();
		return [];
	});

	return {
		festivalId,
		slug: DEMO_FESTIVAL.slug,
		startDate,
		endDate,
		districts: DISTRICTS.length,
		categories: CATEGORIES.length,
		merchants: merchants.length,
		merchantRooms: rooms.filter((r) => r.kind === 'merchant').length,
		showcaseRooms: rooms.filter((r) => r.kind === 'showcase').length,
		roomProducts: products.length,
		showcaseHosts: hosts.length,
		venues: 0,
	};
}

/**
 * The demo's cover for its `n`th room: one of its category's generated pictures, and none for one
 * room in twenty (a card shows its placeholder), so both are seen.
 */
export function seedCoverKey(category: string, n: number): string | null {
	return n % 20 === 7 ? null : pickSeedCover(category, n);
}

/** Whether /go will have a way into a planned room (deeplink/watchability.ts). */
function isWatchableRoomPlan(r: RoomPlan, merchants: readonly MerchantPlan[]): boolean {
	const m = r.merchantIndex === null ? undefined : merchants[r.merchantIndex];
	return m ? isWatchableRoom(m.appId, m.roomPagePath, m.urlLink, r.wxRoomId) : false;
}

/**
 * Inserts in multi-row chunks and returns the new ids in input order. SQLite does not promise an
 * order for RETURNING rows, but AUTOINCREMENT hands out increasing ids in insertion order, so
 * sorting them restores it.
 */
function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => { id: number }[]): number[] {
	const ids: number[] = [];
	for (let i = 0; i < rows.length; i += CHUNK) {
		ids.push(
			...insert(rows.slice(i, i + CHUNK))
				.map((r) => r.id)
				.sort((a, b) => a - b),
		);
	}
	return ids;
}
