/**
 * The soak's database, prepared before the server starts: the demo festival (on today's date, as
 * `npm start` seeds it, since the soak runs on the real clock), plus K merchant accounts with an
 * approved business, a signed-in session each and a few approved rooms of their own to edit, and
 * the list of public URLs the anonymous visitors spread over.
 */
import { hashSync } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { merchant, room, roomProduct, user } from '../../db/schema';
import { ensureDemoFestival } from '../../db/seed';
import { createSession } from '../../src/lib/server/auth/session';
import { openDatabase } from '../../src/lib/server/db';
import { findPublishedFestival, listFestivalDays } from '../../src/lib/server/festival/current';
import { getFestivalBounds } from '../../src/lib/shared/room-window';
import { BENCH_QUERIES } from '../search/queries';

/** A room the soak may edit, with the times it was last saved with (an edit keeps them). */
export interface SoakRoom {
	id: number;
	start: Date;
	end: Date;
}

export interface SoakMerchant {
	userId: number;
	merchantId: number;
	/** The session cookie's value, `<id>.<secret>`. */
	token: string;
	rooms: SoakRoom[];
}

/** What visitors ask for, grouped so latency is reported per kind. */
export type GetKind = 'home' | 'schedule' | 'room' | 'search-page' | 'search-api' | 'other';

export interface SoakWorld {
	timezone: string;
	/** The festival's last instant (exclusive): new rooms must end by then. */
	festivalEnd: Date;
	merchants: SoakMerchant[];
	urls: Record<GetKind, string[]>;
}

const ROOMS_PER_MERCHANT = 3;
const HOUR_MS = 60 * 60_000;

/** Seeds `dbFile` and adds the soak's merchants; closes the database before returning. */
export function prepareSoakWorld(
	dbFile: string,
	options: { merchants: number; now: Date },
): SoakWorld {
	const db = openDatabase(dbFile);
	const { now } = options;
	try {
		ensureDemoFestival(db, { now });
		const festival = findPublishedFestival(db)!;
		const bounds = getFestivalBounds(festival);
		const sql = db.$client;
		const districts = sql.prepare('select id, code from district order by sort').all() as {
			id: number;
			code: string;
		}[];
		const categoryIds = sql
			.prepare('select id from category order by sort')
			.pluck()
			.all() as number[];
		// Visitors ask for the demo's public rooms, not the soak merchants' (edits send those back
		// to review, and a visitor's 404 would only blur the figures).
		const roomIds = sql
			.prepare(
				`select r.id from room r left join merchant m on m.id = r.merchant_id
				 where r.review_status = 'approved' and (m.id is null or m.status = 'approved')`,
			)
			.pluck()
			.all() as number[];
		// Merchants sign in with passwords; the soak never does (sessions are made here), but the
		// column wants a real argon2id hash.
		const passwordHash = hashSync(randomBytes(18).toString('base64'));
		const merchants: SoakMerchant[] = [];
		sql.transaction(() => {
			for (let i = 0; i < options.merchants; i++) {
				const account = db
					.insert(user)
					.values({
						email: `soak-merchant-${i}@example.com`,
						passwordHash,
						role: 'merchant',
						createdAt: now,
						updatedAt: now,
					})
					.returning()
					.get();
				const business = db
					.insert(merchant)
					.values({
						ownerUserId: account.id,
						legalName: `压测商贸有限公司${i}`,
						nameZh: `压测商家${i}`,
						nameEn: `Soak Merchant ${i}`,
						creditCode: `91SOAK${String(i).padStart(12, '0')}`,
						districtId: districts[i % districts.length]!.id,
						categoryId: categoryIds[i % categoryIds.length]!,
						appId: `wx${String(9_000_000 + i).padStart(16, '0')}`,
						roomPagePath: 'pages/live/room',
						contactName: '王五',
						contactMobile: '13900000000',
						status: 'approved',
						createdAt: now,
						updatedAt: now,
					})
					.returning()
					.get();
				const { token } = createSession(db, account, { now, userAgent: 'livefest soak' });
				const rooms: SoakRoom[] = [];
				for (let r = 0; r < ROOMS_PER_MERCHANT; r++) {
					// Later on the festival's last day: in the future whatever time the soak runs.
					const start = new Date(bounds.end.getTime() - (4 + r) * HOUR_MS);
					const end = new Date(start.getTime() + HOUR_MS);
					const created = db
						.insert(room)
						.values({
							festivalId: festival.id,
							merchantId: business.id,
							kind: 'merchant',
							districtId: business.districtId,
							categoryId: business.categoryId,
							title: `压测直播间 ${i}-${r}`,
							anchorName: '压测主播',
							startAt: start,
							endAt: end,
							reviewStatus: 'approved',
							createdAt: now,
							updatedAt: now,
						})
						.returning()
						.get();
					db.insert(roomProduct)
						.values({ roomId: created.id, name: '压测商品', priceType: 'fixed', price: 9900 })
						.run();
					rooms.push({ id: created.id, start, end });
				}
				merchants.push({ userId: account.id, merchantId: business.id, token, rooms });
			}
		})();

		const merchantIds = sql
			.prepare("select id from merchant where status = 'approved' order by id limit 100")
			.pluck()
			.all() as number[];
		return {
			timezone: festival.timezone,
			festivalEnd: bounds.end,
			merchants,
			urls: listPublicUrls({
				roomIds,
				merchantIds,
				days: listFestivalDays(festival),
				districtCodes: districts.map((d) => d.code),
			}),
		};
	} finally {
		db.$client.close();
	}
}

/** Every public page the visitors pick from, in both languages. */
function listPublicUrls(ids: {
	roomIds: number[];
	merchantIds: number[];
	days: string[];
	districtCodes: string[];
}): Record<GetKind, string[]> {
	const { roomIds, merchantIds, days, districtCodes } = ids;
	const both = (paths: string[]) => paths.flatMap((p) => [p, `/en${p === '/' ? '/' : p}`]);
	const schedule: string[] = [];
	for (const day of days) {
		for (const district of ['', ...districtCodes]) {
			for (const page of [1, 2, 3]) {
				const query = new URLSearchParams({ day });
				if (district) query.set('district', district);
				if (page > 1) query.set('page', String(page));
				schedule.push(`/schedule?${query}`);
			}
		}
	}
	const queries = BENCH_QUERIES.map((q) => encodeURIComponent(q.q));
	return {
		home: both(['/']),
		schedule: both(['/schedule', ...schedule]),
		room: both(roomIds.map((id) => `/rooms/${id}`)),
		'search-page': both(queries.map((q) => `/search?q=${q}`)),
		'search-api': queries.map((q) => `/api/search?q=${q}`),
		other: both(['/showcase', ...merchantIds.map((id) => `/merchants/${id}`)]),
	};
}
