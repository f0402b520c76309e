import { roomProduct } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import {
	createFestivalWorld,
	createMerchant,
	createRoom,
	createSessionFor,
	createUser,
} from './factories';
import { liveInfo, liveRoom } from './sync-wechat-stub';

/**
 * Worlds for the fault tests (tests/integration/faults/): a published festival (6–8 June 2026,
 * Shanghai) with a few public rooms, so the search index is not empty, and one approved merchant
 * whose owner holds a session.
 */

/** Before the festival, while submissions are open: the clock of the merchant-side fault tests. */
export const FAULT_NOW = '2026-06-05T04:00:00Z';

export interface FaultWorld {
	festivalId: number;
	districtId: number;
	categoryId: number;
	merchantId: number;
	/** The merchant owner's session cookie value. */
	merchantToken: string;
	/** Public rooms of another merchant (the search index holds exactly these). */
	publicRoomIds: number[];
}

/** Seeds the fault world into `db`; `now` is when the owner's session started. */
export function seedFaultWorld(db: Db, now = new Date(FAULT_NOW)): FaultWorld {
	const w = createFestivalWorld(db);
	const base = { festivalId: w.festival.id, districtId: w.district.id, categoryId: w.category.id };
	const publicRoomIds = ['早茶一盅两件', '荔枝采摘直播', '老字号手信'].map(
		(title, i) =>
			createRoom(db, {
				...base,
				merchantId: w.merchant.id,
				title,
				startAt: new Date(`2026-06-07T0${2 + i}:00:00Z`),
			}).id,
	);
	const owner = addSignedInMerchant(db, base, 'owner@example.com', now);
	return { ...base, ...owner, publicRoomIds };
}

/** Another approved merchant whose owner (`email`) signed in a minute before `now`. */
export function addSignedInMerchant(
	db: Db,
	world: { districtId: number; categoryId: number },
	email: string,
	now = new Date(FAULT_NOW),
): { merchantId: number; merchantToken: string } {
	const owner = createUser(db, { email });
	const shop = createMerchant(db, {
		ownerUserId: owner.id,
		districtId: world.districtId,
		categoryId: world.categoryId,
		status: 'approved',
	});
	return {
		merchantId: shop.id,
		merchantToken: createSessionFor(db, owner, { createdAt: new Date(now.getTime() - 60_000) }),
	};
}

/**
 * A `getliveinfo` answer of `count` rooms (roomids from 100001), each one or two hours long
 * during the festival and with one good, as WeChat's plugin returns them: what a big merchant
 * pastes into the import page.
 */
export function buildLiveInfoPayload(count: number): string {
	const first = Date.parse('2026-06-06T01:00:00Z') / 1000;
	const rooms = Array.from({ length: count }, (_, i) => {
		const roomid = 100_001 + i;
		const start = first + (i % 48) * 3600;
		return liveRoom(roomid, {
			name: `荔枝直播${roomid}`,
			start_time: start,
			end_time: start + 3600 * (1 + (i % 2)),
			goods: [{ name: `桂味荔枝${i % 97}`, price: 990 + i, price_type: 1 }],
		});
	});
	return JSON.stringify(liveInfo(rooms));
}

const FRUIT = '荔枝桂味糯米糍妃子笑白糖罂黑叶挂绿水东增城从化岭南鲜果礼盒';

/**
 * `count` rooms of `merchantId` waiting for review, each with `products` products (the import
 * allows 500) and a long description: approving one re-indexes all that text, so a selection of
 * them keeps the transaction of a bulk approval busy long enough to be interrupted. Returns the
 * ids with `updated_at`, as the review queue's checkboxes carry them (`<id>:<ms>`).
 */
export function createHeavySubmittedRooms(
	db: Db,
	world: { festivalId: number; districtId: number; categoryId: number; merchantId: number },
	count: number,
	products: number,
): string[] {
	const description = Array.from({ length: 80 }, (_, k) => FRUIT.slice(k % 20, (k % 20) + 10));
	return db.$client.transaction(() =>
		Array.from({ length: count }, (_, i) => {
			const room = createRoom(db, {
				festivalId: world.festivalId,
				districtId: world.districtId,
				categoryId: world.categoryId,
				merchantId: world.merchantId,
				reviewStatus: 'submitted',
				title: `荔枝专场${i}`,
				description: description.join('，'),
				startAt: new Date(`2026-06-0${6 + (i % 3)}T0${i % 10}:00:00Z`),
			});
			db.insert(roomProduct)
				.values(
					Array.from({ length: products }, (_, k) => ({
						roomId: room.id,
						name: `${FRUIT.slice(k % 20, (k % 20) + 12)}${k}`,
						priceType: 'fixed' as const,
						price: 100 + k,
						sort: k,
					})),
				)
				.run();
			return `${room.id}:${room.updatedAt.getTime()}`;
		}),
	)();
}
