import { hashSync } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import {
	category,
	district,
	festival,
	merchant,
	room,
	roomProduct,
	session,
	showcaseHost,
	user,
} from '../../db/schema';
import { createSession } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import type { UserRole } from '../../src/lib/shared/user-role';

/**
 * Row factories for tests: each inserts one row with sensible defaults and returns it. Tests state
 * only what matters to them.
 */
let serial = 0;
const next = (): number => ++serial;
const T0 = new Date('2026-06-01T00:00:00Z');

export function createFestival(db: Db, over: Partial<typeof festival.$inferInsert> = {}) {
	const n = next();
	return db
		.insert(festival)
		.values({
			slug: `fest-${n}`,
			nameZh: `测试直播节${n}`,
			nameEn: `Test Festival ${n}`,
			city: 'testcity',
			timezone: 'Asia/Shanghai',
			startDate: '2026-06-06',
			endDate: '2026-06-08',
			published: true,
			isCurrent: true,
			createdAt: T0,
			...over,
		})
		.returning()
		.get();
}

export function createDistrict(db: Db, over: Partial<typeof district.$inferInsert> = {}) {
	const n = next();
	return db
		.insert(district)
		.values({
			city: 'testcity',
			code: `d${n}`,
			nameZh: `区${n}`,
			nameEn: `District ${n}`,
			sort: n,
			...over,
		})
		.returning()
		.get();
}

export function createCategory(db: Db, over: Partial<typeof category.$inferInsert> = {}) {
	const n = next();
	return db
		.insert(category)
		.values({ code: `c${n}`, nameZh: `品类${n}`, nameEn: `Category ${n}`, sort: n, ...over })
		.returning()
		.get();
}

export function createMerchant(
	db: Db,
	over: Partial<typeof merchant.$inferInsert> & { districtId: number; categoryId: number },
) {
	const n = next();
	return db
		.insert(merchant)
		.values({
			legalName: `测试商贸有限公司${n}`,
			nameZh: `测试商家${n}`,
			nameEn: `Test Merchant ${n}`,
			creditCode: `TEST${String(n).padStart(14, '0')}`,
			appId: `wx${String(n).padStart(16, '0')}`,
			roomPagePath: 'pages/live/room',
			contactName: '张三',
			contactMobile: '13800000000',
			status: 'approved',
			createdAt: T0,
			updatedAt: T0,
			...over,
		})
		.returning()
		.get();
}

export function createRoom(
	db: Db,
	over: Partial<typeof room.$inferInsert> & {
		festivalId: number;
		districtId: number;
		categoryId: number;
		startAt: Date;
	},
) {
	const n = next();
	return db
		.insert(room)
		.values({
			kind: over.merchantId === undefined ? 'showcase' : 'merchant',
			title: `测试直播间${n}`,
			titleEn: `Test room ${n}`,
			anchorName: '主播小李',
			endAt: new Date(over.startAt.getTime() + 60 * 60_000),
			reviewStatus: 'approved',
			createdAt: T0,
			updatedAt: T0,
			...over,
		})
		.returning()
		.get();
}

export function createProduct(
	db: Db,
	over: Partial<typeof roomProduct.$inferInsert> & { roomId: number },
) {
	const n = next();
	return db
		.insert(roomProduct)
		.values({ name: `商品${n}`, priceType: 'fixed', price: 9900, sort: n, ...over })
		.returning()
		.get();
}

export function createHost(
	db: Db,
	over: Partial<typeof showcaseHost.$inferInsert> & { roomId: number },
) {
	const n = next();
	return db
		.insert(showcaseHost)
		.values({
			name: `官员${n}`,
			title: '副区长',
			nameEn: `Official ${n}`,
			titleEn: 'Deputy District Head',
			sort: n,
			...over,
		})
		.returning()
		.get();
}

/** A published current festival with one district, one category and one approved merchant. */
export function createFestivalWorld(db: Db) {
	const f = createFestival(db);
	const d = createDistrict(db);
	const c = createCategory(db);
	const m = createMerchant(db, { districtId: d.id, categoryId: c.id });
	return { festival: f, district: d, category: c, merchant: m };
}

/** The password every `createUser` account has unless told otherwise. */
export const TEST_PASSWORD = 'Lychee-Season-2026';
let testPasswordHash: string | undefined;

/**
 * A merchant account (argon2id hash of TEST_PASSWORD, computed once per test file). Pass
 * `passwordHash` to give another password.
 */
export function createUser(db: Db, over: Partial<typeof user.$inferInsert> = {}) {
	const n = next();
	testPasswordHash ??= hashSync(TEST_PASSWORD);
	return db
		.insert(user)
		.values({
			email: `merchant${n}@example.com`,
			passwordHash: testPasswordHash,
			role: 'merchant',
			createdAt: T0,
			updatedAt: T0,
			...over,
		})
		.returning()
		.get();
}

/**
 * A session for `account` started at `createdAt`, with its expiry overridable (to test expiry and
 * the absolute cap); returns the cookie value. It counts as having passed the second factor, as
 * a bureau account's session does once its code was given.
 */
export function createSessionFor(
	db: Db,
	account: { id: number; role: UserRole },
	options: { createdAt: Date; expiresAt?: Date; userAgent?: string },
): string {
	const { token, session: created } = createSession(db, account, {
		now: options.createdAt,
		userAgent: options.userAgent ?? 'Test browser',
		twoFactorVerified: true,
	});
	if (options.expiresAt) {
		db.update(session)
			.set({ expiresAt: options.expiresAt })
			.where(eq(session.id, created.id))
			.run();
	}
	return token;
}
