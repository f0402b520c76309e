/**
 * Grows the demo festival to benchmark sizes (20,000 and 100,000 public rooms) with rooms that look
 * like the seed's: more merchants built from the same brand and trade words, titles from the same
 * templates, products from the same catalogues, start times over the festival's three days with
 * the seed's evening peak. Deterministic (db/seed/random.ts), so every run searches the same rows.
 * Rows go in through prepared statements inside `withSearchDeferred`, which rebuilds the FTS5 index
 * once at the end, as any bulk import would.
 */
import type { Db } from '../../src/lib/server/db';
import {
	ENQUEUE_ALL_SQL,
	REBUILD_FTS_SQL,
	withSearchDeferred,
} from '../../src/lib/server/search/sql-functions';
import { planCalendar, DAY_MS, MINUTE_MS } from '../../db/seed/calendar';
import { CATEGORIES, type CategorySeed } from '../../db/seed/content/categories';
import { DISTRICTS, type DistrictSeed } from '../../db/seed/content/districts';
import { MERCHANT_NAME_PARTS } from '../../db/seed/content/merchant-names';
import { GIVEN_NAMES, NICKNAMES, SURNAMES } from '../../db/seed/content/people';
import { PRODUCTS } from '../../db/seed/content/products';
import { priceProduct } from '../../db/seed/pricing';
import { createRandom, type Random } from '../../db/seed/random';
import {
	buildRoomDescription,
	buildRoomTags,
	buildRoomTitle,
	measureTitleBytes,
	TITLE_MAX_BYTES,
} from '../../db/seed/room-text';
import { toShanghaiInstant } from '../../db/seed/shanghai-time';

/** Start hours 08–23 with the lunchtime bump and evening peak of db/seed/merchant-rooms.ts. */
const HOUR_WEIGHTS = [2, 4, 7, 6, 4, 4, 6, 6, 5, 5, 7, 12, 14, 12, 7, 2].map((weight, i) => ({
	hour: 8 + i,
	weight,
}));
const DURATIONS = [30, 45, 60, 90, 120, 150, 180, 240];
const DURATION_WEIGHTS = [8, 6, 22, 22, 22, 10, 10, 3];
const PRODUCT_COUNT_WEIGHTS = [8, 18, 26, 22, 16, 10];
const STORES = DISTRICTS.flatMap((d) => d.places);

export interface Growth {
	addedRooms: number;
	addedMerchants: number;
	addedProducts: number;
}

export interface BulkLoadTiming<T> {
	result: T;
	totalMs: number;
	/** Planning rows in JavaScript and inserting them (with the search triggers off). */
	generateInsertMs: number;
	/** What `withSearchDeferred` runs at the end: the index rebuild and the Meilisearch outbox. */
	deferredRebuildMs: number;
}

interface Reference {
	festivalId: number;
	days: string[];
	middleNoon: number;
	submissionOpensAt: number;
	districtIds: Map<string, number>;
	categoryIds: Map<string, number>;
}

/** Counts the rooms the public can find: the rows `room_search_source` (and so the index) holds. */
export function countPublicRooms(db: Db): number {
	return db.$client.prepare('SELECT count(*) FROM room_search_source').pluck().get() as number;
}

/**
 * Times a bulk load and splits off the statements `withSearchDeferred` runs at its end (the index
 * rebuild, queueing every room), by timing those `exec` calls; the rest is generation and inserts.
 */
export function measureBulkLoad<T>(db: Db, load: () => T): BulkLoadTiming<T> {
	const sqlite = db.$client;
	const original = sqlite.exec;
	let deferredMs = 0;
	sqlite.exec = function (this: typeof sqlite, source: string) {
		if (source !== REBUILD_FTS_SQL && source !== ENQUEUE_ALL_SQL)
			return original.call(this, source);
		const t0 = performance.now();
		try {
			return original.call(this, source);
		} finally {
			deferredMs += performance.now() - t0;
		}
	} as typeof sqlite.exec;
	const started = performance.now();
	try {
		const result = load();
		const totalMs = performance.now() - started;
		return {
			result,
			totalMs: Math.round(totalMs),
			generateInsertMs: Math.round(totalMs - deferredMs),
			deferredRebuildMs: Math.round(deferredMs),
		};
	} finally {
		sqlite.exec = original;
	}
}

/** Reads the demo festival and reference ids the generated rows point at. */
function loadReference(db: Db): Reference {
	const sqlite = db.$client;
	const festival = sqlite
		.prepare('SELECT id, start_date AS startDate FROM festival WHERE is_current = 1 LIMIT 1')
		.get() as { id: number; startDate: string } | undefined;
	if (!festival) throw new Error('generate: seed the demo festival first');
	const calendar = planCalendar(festival.startDate);
	const ids = (table: 'district' | 'category') =>
		new Map(
			(sqlite.prepare(`SELECT code, id FROM ${table}`).all() as { code: string; id: number }[]).map(
				(r) => [r.code, r.id],
			),
		);
	return {
		festivalId: festival.id,
		days: [...calendar.days],
		middleNoon: calendar.middleNoon,
		submissionOpensAt: calendar.submissionOpensAt,
		districtIds: ids('district'),
		categoryIds: ids('category'),
	};
}

/** Draws an index with probability proportional to its weight. */
function pickIndex(random: Random, weights: readonly number[]): number {
	return random.pickWeighted(
		weights.map((_, i) => i),
		(i) => weights[i]!,
	);
}

/** Names a host the way the seed does: store host, brand nickname, a full name or the manager. */
function drawAnchorName(random: Random, brand: string, store: string | null): string {
	const nickname = random.pick(NICKNAMES);
	if (store !== null) return `${store}店${nickname}`;
	const style = random.int(0, 9);
	if (style < 4) return `${brand}${nickname}`;
	if (style < 7) return random.pick(SURNAMES).zh + random.pick(GIVEN_NAMES).zh;
	return `店长${random.pick(SURNAMES).zh}${random.pick(['姐', '哥'])}`;
}

/**
 * Adds approved merchants and public rooms until the festival has `targetRooms` public rooms.
 * Credit codes carry a per-run prefix so growing the same database twice never collides.
 */
export function growFestival(db: Db, targetRooms: number, seed: number): Growth {
	const need = Math.max(0, targetRooms - countPublicRooms(db));
	const ref = loadReference(db);
	const random = createRandom(seed);
	const sqlite = db.$client;
	const insertMerchant = sqlite.prepare(`INSERT INTO merchant (legal_name, name_zh, name_en,
		credit_code, district_id, category_id, app_id, room_page_path, contact_name, contact_mobile,
		status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pages/live/room', ?, ?, 'approved', ?, ?)`);
	const insertRoom = sqlite.prepare(`INSERT INTO room (festival_id, merchant_id, kind, title,
		title_en, description, description_en, anchor_name, district_id, category_id, start_at, end_at,
		replay_url, replay_expires_at, review_status, tags, created_at, updated_at)
		VALUES (?, ?, 'merchant', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?)`);
	const insertProduct = sqlite.prepare(`INSERT INTO room_product (room_id, name, name_en,
		price_type, price, price2, sort) VALUES (?, ?, ?, ?, ?, ?, ?)`);
	const merchantWeights = CATEGORIES.map((c) => c.merchants);
	let addedRooms = 0;
	let addedMerchants = 0;
	let addedProducts = 0;

	withSearchDeferred(sqlite, () => {
		// Each pass adds one merchant and at least one room, so `need` passes always suffice.
		for (let pass = 0; pass < need && addedRooms < need; pass++) {
			const category: CategorySeed = CATEGORIES[pickIndex(random, merchantWeights)]!;
			const district: DistrictSeed = random.pickWeighted(
				DISTRICTS,
				(d) => d.weight * (category.districtBias[d.code] ?? 1),
			);
			const parts = MERCHANT_NAME_PARTS[category.code]!;
			const brand = random.pick(parts.brands);
			const trade = random.pick(parts.trades);
			const place = random.chance(0.5) ? random.pick(district.places) : null;
			const createdAt = ref.submissionOpensAt + random.int(0, 20 * 24 * 60) * MINUTE_MS;
			const merchantId = Number(
				insertMerchant.run(
					`广州市${brand.zh}${trade.legalTail}`,
					(place?.zh ?? '') + brand.zh + trade.zh,
					[place?.en, brand.en, trade.en].filter(Boolean).join(' '),
					`BENCH${seed}-${pass}`,
					ref.districtIds.get(district.code)!,
					ref.categoryIds.get(category.code)!,
					`wxbench${seed}x${pass}`,
					random.pick(SURNAMES).zh + random.pick(GIVEN_NAMES).zh,
					`138${String(pass).padStart(8, '0')}`,
					createdAt,
					createdAt + DAY_MS,
				).lastInsertRowid,
			);
			addedMerchants++;
			const chain = random.chance(0.08);
			const count = Math.min(need - addedRooms, chain ? random.int(14, 24) : random.int(3, 8));
			for (let n = 0; n < count; n++) {
				const store = chain ? random.pick(STORES) : null;
				let title = buildRoomTitle(random, category, brand, district);
				if (store && random.chance(0.5)) {
					const storeTitle = {
						zh: `${brand.zh}${store.zh}店直播间`,
						en: `${brand.en} ${store.en} store live`,
					};
					if (measureTitleBytes(storeTitle.zh) <= TITLE_MAX_BYTES) title = storeTitle;
				}
				const products = random
					.sample(PRODUCTS[category.code] ?? [], pickIndex(random, PRODUCT_COUNT_WEIGHTS) + 1)
					.map((p) => priceProduct(random, p));
				const description = buildRoomDescription(category, products);
				const hour = random.pickWeighted(HOUR_WEIGHTS, (h) => h.weight).hour;
				const minute = hour === 23 ? random.pick([0, 30]) : random.pick([0, 0, 0, 15, 30, 30, 45]);
				const startAt = toShanghaiInstant(
					ref.days[random.int(0, 2)]!,
					hour * 60 + minute,
				).getTime();
				const endAt = startAt + DURATIONS[pickIndex(random, DURATION_WEIGHTS)]! * MINUTE_MS;
				const replay = endAt <= ref.middleNoon && random.chance(0.3);
				const roomId = Number(
					insertRoom.run(
						ref.festivalId,
						merchantId,
						title.zh,
						title.en,
						description.zh,
						description.en,
						drawAnchorName(random, brand.zh, store?.zh ?? null),
						ref.districtIds.get(district.code)!,
						ref.categoryIds.get(category.code)!,
						startAt,
						endAt,
						replay ? `https://media.livefest.example/replay/bench/${merchantId}-${n}.mp4` : null,
						replay ? endAt + 30 * DAY_MS : null,
						JSON.stringify(buildRoomTags(random, category)),
						createdAt + DAY_MS,
						createdAt + 2 * DAY_MS,
					).lastInsertRowid,
				);
				products.forEach((p, sort) =>
					insertProduct.run(roomId, p.name, p.nameEn, p.priceType, p.price, p.price2, sort),
				);
				addedProducts += products.length;
				addedRooms++;
			}
		}
	});
	return { addedRooms, addedMerchants, addedProducts };
}
