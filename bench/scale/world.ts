/**
 * What the scale benchmark needs in its copy of the festival before the server starts, made
 * directly in the database as bench/soak/world.ts does: a staff session, merchants with sessions
 * and rooms to edit, rooms whose live status their imports update, a queue of submitted rooms for
 * review decisions, a merchant for the 5,000-row import, merchants whose room feeds the sync reads
 * (not due until the benchmark says so), and the ids the public pages are asked for.
 */
import { hashSync } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { merchant, merchantRoomSource, room, roomProduct, user } from '../../db/schema';
import { toShanghaiInstant } from '../../db/seed/shanghai-time';
import { createSession } from '../../src/lib/server/auth/session';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { findPublishedFestival, listFestivalDays } from '../../src/lib/server/festival/current';
import { getFestivalBounds } from '../../src/lib/shared/room-window';
import type { SoakMerchant, SoakRoom } from '../soak/world';

export const BENCH_PRODUCT = { name: '压测商品', priceFen: 9900 };
export const BENCH_ANCHOR = '压测主播';
const HOUR_MS = 60 * 60_000;

/** A room whose import rows (same fields, another live status) only record the status. */
export interface StatusRoom extends SoakRoom {
	wxRoomId: number;
	title: string;
}

export interface ScaleMerchant extends SoakMerchant {
	statusRooms: StatusRoom[];
}

export interface PendingDecision {
	roomId: number;
	/** `updated_at` in ms, the form's `seenAt`. */
	seenAt: number;
}

export interface ScaleWorld {
	/** The instant the server's clock starts at (LIVEFEST_NOW with LIVEFEST_CLOCK=running). */
	now: Date;
	timezone: string;
	festivalEnd: Date;
	days: string[];
	busiestDay: { day: string; count: number };
	publicRooms: number;
	staffToken: string;
	merchants: ScaleMerchant[];
	decisions: PendingDecision[];
	importer: SoakMerchant;
	syncMerchantIds: number[];
	ids: {
		room: number;
		/** The merchant with the most public rooms. */
		merchant: number;
		/** 50 public rooms spread over the festival, for /my, status and the calendar. */
		fifty: number[];
		districts: string[];
		categories: string[];
	};
}

/** The clock the benchmark runs on: 20:00 in Shanghai on the festival's middle day, the peak. */
export function pickBenchNow(days: string[]): Date {
	return toShanghaiInstant(days[1]!, 20 * 60);
}

/** Counts public rooms starting on each day, on the public start index. */
function findBusiestDay(db: Db, days: string[], timezone: string): { day: string; count: number } {
	const count = db.$client.prepare(
		'SELECT count(*) FROM room WHERE is_public = 1 AND start_at >= ? AND start_at < ?',
	);
	void timezone; // the seeds' days are Shanghai days
	return days
		.map((day) => {
			const start = toShanghaiInstant(day, 0).getTime();
			return { day, count: count.pluck().get(start, start + 24 * HOUR_MS) as number };
		})
		.reduce((a, b) => (b.count > a.count ? b : a));
}

interface Maker {
	db: Db;
	now: Date;
	festivalId: number;
	districtId: number;
	categoryId: number;
	passwordHash: string;
	serial: { value: number };
}

/** An approved merchant account with a session, its business, and nothing else yet. */
function makeMerchant(m: Maker, label: string): SoakMerchant {
	const i = ++m.serial.value;
	const account = m.db
		.insert(user)
		.values({
			email: `scale-${label}-${i}@example.com`,
			passwordHash: m.passwordHash,
			role: 'merchant',
			createdAt: m.now,
			updatedAt: m.now,
		})
		.returning()
		.get();
	const business = m.db
		.insert(merchant)
		.values({
			ownerUserId: account.id,
			legalName: `压测规模商贸有限公司${i}`,
			nameZh: `压测规模商家${i}`,
			nameEn: `Scale Merchant ${i}`,
			creditCode: `91SCALE${String(i).padStart(11, '0')}`,
			districtId: m.districtId,
			categoryId: m.categoryId,
			appId: `wx${String(8_000_000 + i).padStart(16, '0')}`,
			roomPagePath: 'pages/live/room',
			contactName: '王五',
			contactMobile: '13900000000',
			status: 'approved',
			createdAt: m.now,
			updatedAt: m.now,
		})
		.returning()
		.get();
	const { token } = createSession(m.db, account, { now: m.now, userAgent: 'livefest scale' });
	return { userId: account.id, merchantId: business.id, token, rooms: [] };
}

/** One room of `owner` with the benchmark's product; `wxRoomId` makes it importable. */
function makeRoom(
	m: Maker,
	owner: SoakMerchant,
	fields: { title: string; start: Date; status: 'approved' | 'submitted'; wxRoomId?: number },
): { id: number; updatedAt: number } {
	const created = m.db
		.insert(room)
		.values({
			festivalId: m.festivalId,
			merchantId: owner.merchantId,
			kind: 'merchant',
			districtId: m.districtId,
			categoryId: m.categoryId,
			title: fields.title,
			anchorName: BENCH_ANCHOR,
			startAt: fields.start,
			endAt: new Date(fields.start.getTime() + HOUR_MS),
			wxRoomId: fields.wxRoomId ?? null,
			reviewStatus: fields.status,
			createdAt: m.now,
			updatedAt: m.now,
		})
		.returning()
		.get();
	m.db
		.insert(roomProduct)
		.values({
			roomId: created.id,
			name: BENCH_PRODUCT.name,
			priceType: 'fixed',
			price: BENCH_PRODUCT.priceFen,
		})
		.run();
	return { id: created.id, updatedAt: m.now.getTime() };
}

/**
 * Prepares `dbFile` (a copy of the cached festival): migrates it, adds the benchmark's accounts
 * and rooms, and reads the ids the pages ask for. `feedOrigin` serves `/feed/<merchantId>`.
 */
export function prepareScaleWorld(
	dbFile: string,
	options: { writers: number; syncMerchants: number; feedOrigin: string },
): ScaleWorld {
	const db = openDatabase(dbFile);
	try {
		const festival = findPublishedFestival(db);
		if (!festival) throw new Error(`${dbFile}: no published festival`);
		const days = listFestivalDays(festival);
		const now = pickBenchNow(days);
		const bounds = getFestivalBounds(festival);
		const sql = db.$client;
		const districts = sql
			.prepare('SELECT code FROM district ORDER BY sort')
			.pluck()
			.all() as string[];
		const categories = sql
			.prepare('SELECT code FROM category ORDER BY sort')
			.pluck()
			.all() as string[];
		const m: Maker = {
			db,
			now,
			festivalId: festival.id,
			districtId: sql.prepare('SELECT id FROM district ORDER BY sort').pluck().get() as number,
			categoryId: sql.prepare('SELECT id FROM category ORDER BY sort').pluck().get() as number,
			passwordHash: hashSync(randomBytes(18).toString('base64')),
			serial: { value: 0 },
		};
		const merchants: ScaleMerchant[] = [];
		const decisions: PendingDecision[] = [];
		const syncMerchantIds: number[] = [];
		let staffToken = '';
		let importer: SoakMerchant | undefined;
		// Later on the festival's last day: in the future for the whole run.
		const lastDayAt = (hoursBeforeEnd: number, minute = 0) =>
			new Date(bounds.end.getTime() - hoursBeforeEnd * HOUR_MS + minute * 60_000);
		sql.transaction(() => {
			const staff = db
				.insert(user)
				.values({
					email: 'scale-staff@bureau.example.gov.cn',
					passwordHash: m.passwordHash,
					role: 'staff',
					createdAt: now,
					updatedAt: now,
				})
				.returning()
				.get();
			staffToken = createSession(db, staff, { now, userAgent: 'livefest scale' }).token;
			for (let i = 0; i < options.writers; i++) {
				const owner: ScaleMerchant = { ...makeMerchant(m, 'writer'), statusRooms: [] };
				for (let r = 0; r < 3; r++) {
					const start = lastDayAt(4 + r);
					const made = makeRoom(m, owner, {
						title: `压测直播间 ${i}-${r}`,
						start,
						status: 'approved',
					});
					owner.rooms.push({ id: made.id, start, end: new Date(start.getTime() + HOUR_MS) });
					const title = `压测状态直播间 ${i}-${r}`;
					const wxRoomId = r + 1;
					const status = makeRoom(m, owner, { title, start, status: 'approved', wxRoomId });
					owner.statusRooms.push({
						id: status.id,
						start,
						end: new Date(start.getTime() + HOUR_MS),
						wxRoomId,
						title,
					});
				}
				for (let r = 0; r < 40; r++) {
					const made = makeRoom(m, owner, {
						title: `压测待审直播间 ${i}-${r}`,
						start: lastDayAt(3, (r % 12) * 5),
						status: 'submitted',
					});
					decisions.push({ roomId: made.id, seenAt: made.updatedAt });
				}
				merchants.push(owner);
			}
			importer = makeMerchant(m, 'importer');
			const parked = new Date(bounds.end.getTime() + 30 * 24 * HOUR_MS);
			for (let i = 0; i < options.syncMerchants; i++) {
				const owner = makeMerchant(m, 'sync');
				db.insert(merchantRoomSource)
					.values({
						merchantId: owner.merchantId,
						kind: 'feed',
						enabled: true,
						feedUrl: `${options.feedOrigin}/feed/${owner.merchantId}`,
						failures: 0,
						nextAttemptAt: parked,
						createdAt: now,
						updatedAt: now,
					})
					.run();
				syncMerchantIds.push(owner.merchantId);
			}
		})();

		const busiestDay = findBusiestDay(db, days, festival.timezone);
		const dayStart = toShanghaiInstant(busiestDay.day, 0).getTime();
		const roomId = sql
			.prepare(
				'SELECT id FROM room WHERE is_public = 1 AND start_at >= ? ORDER BY start_at, id LIMIT 1',
			)
			.pluck()
			.get(dayStart + 20 * HOUR_MS) as number;
		const merchantId = sql
			.prepare(
				`SELECT merchant_id FROM room WHERE is_public = 1 AND merchant_id IS NOT NULL
				 GROUP BY merchant_id ORDER BY count(*) DESC, merchant_id LIMIT 1`,
			)
			.pluck()
			.get() as number;
		const publicRooms = sql
			.prepare('SELECT count(*) FROM room WHERE is_public = 1')
			.pluck()
			.get() as number;
		const step = Math.max(1, Math.floor(publicRooms / 50));
		const fifty = sql
			.prepare('SELECT id FROM room WHERE is_public = 1 ORDER BY id')
			.pluck()
			.all()
			.filter((_, i) => i % step === 0)
			.slice(0, 50) as number[];
		return {
			now,
			timezone: festival.timezone,
			festivalEnd: bounds.end,
			days,
			busiestDay,
			publicRooms,
			staffToken,
			merchants,
			decisions,
			importer: importer!,
			syncMerchantIds,
			ids: { room: roomId, merchant: merchantId, fifty, districts, categories },
		};
	} finally {
		db.$client.close();
	}
}
