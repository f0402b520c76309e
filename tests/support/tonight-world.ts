import type { Db } from '../../src/lib/server/db';
import { pickSeedCover, pickSeedProductImage } from '../../src/lib/server/media/seed-pictures';
import { createFestival, createMerchant, createProduct, createRoom, createUser } from './factories';
import { createSignedInUser } from './staff-factories';
import { createGuangzhouReference } from './world';

/** 21:40 on the festival's middle day (7 June 2026), Shanghai: tonight, on a phone. */
export const TONIGHT_NOW = '2026-06-07T13:40:00Z';
/** 23:45 on the last day: only the late-night session is on. */
export const LAST_NIGHT_NOW = '2026-06-08T15:45:00Z';
/** A room title of 34 "W": WeChat's longest (34 units), and no place to break it. */
export const LONG_WORD_TITLE = 'W'.repeat(34);

const at = (local: string) => new Date(`${local}+08:00`);

/**
 * A festival as a citizen meets it at 21:40 on its middle day, each room there to prove one rule of
 * issue 15: rooms live now that can and cannot be watched, a title that cannot break, rooms later
 * tonight in two districts, a late-night session on the last evening that ends after the festival's
 * last midnight, rooms waiting for review before and after their time, and accounts for a merchant
 * (whose business has no URL Link, so a room without a WeChat room id has no way in) and for staff.
 * Rooms carry the demo's generated covers, which the server renders on first request.
 */
export function seedTonightWorld(db: Db) {
	const now = new Date(TONIGHT_NOW);
	const festival = createFestival(db, {
		city: 'guangzhou',
		slug: 'gz-tonight',
		nameZh: '广州直播带货节',
		nameEn: 'Guangzhou Live Festival',
	});
	const { yuexiu, tianhe, fashion, food } = createGuangzhouReference(db);
	const merchantUser = createSignedInUser(db, 'merchant', now, { email: 'shop@tonight.example' });
	const shop = createMerchant(db, {
		ownerUserId: merchantUser.account.id,
		districtId: yuexiu.id,
		categoryId: fashion.id,
		nameZh: '北京路服饰',
		nameEn: 'Beijing Road Fashion',
		appId: 'wx1234567890abcdef',
	});
	const teahouse = createMerchant(db, {
		ownerUserId: createUser(db, { email: 'tea@tonight.example' }).id,
		districtId: tianhe.id,
		categoryId: food.id,
		nameZh: '天河茶楼',
		nameEn: 'Tianhe Teahouse',
		appId: 'wxfedcba0987654321',
	});
	let n = 0;
	const room = (
		title: string,
		titleEn: string,
		start: string,
		end: string,
		over: Partial<Parameters<typeof createRoom>[1]> = {},
	) => {
		n += 1;
		const onShop = (over.merchantId ?? shop.id) === shop.id;
		return createRoom(db, {
			festivalId: festival.id,
			merchantId: shop.id,
			districtId: onShop ? yuexiu.id : tianhe.id,
			categoryId: onShop ? fashion.id : food.id,
			title,
			titleEn,
			startAt: at(start),
			endAt: at(end),
			wxRoomId: 5000 + n,
			coverKey: pickSeedCover(onShop ? 'fashion' : 'food-dining', n),
			...over,
		});
	};
	const live = room(
		'荔枝节女装专场',
		'Lychee season fashion',
		'2026-06-07T21:00',
		'2026-06-07T22:30',
	);
	createProduct(db, {
		roomId: live.id,
		name: '真丝连衣裙',
		nameEn: 'Silk dress',
		price: 12800,
		imageKey: pickSeedProductImage('fashion', '真丝连衣裙'),
	});
	const noWayIn = room(
		'北京路夜市',
		'Beijing Road night market',
		'2026-06-07T21:15',
		'2026-06-07T23:00',
		{
			wxRoomId: null,
		},
	);
	const longWord = room(LONG_WORD_TITLE, LONG_WORD_TITLE, '2026-06-07T21:30', '2026-06-07T22:30');
	const teaNow = room('广式点心现做', 'Dim sum made live', '2026-06-07T20:30', '2026-06-07T22:00', {
		merchantId: teahouse.id,
	});
	const next = room('夜宵烧腊', 'Late supper roast meats', '2026-06-07T22:00', '2026-06-07T23:30', {
		merchantId: teahouse.id,
	});
	const later = room('深夜女装清仓', 'Late clearance', '2026-06-07T23:00', '2026-06-08T00:30');
	const morning = room('早茶一盅两件', 'Morning tea', '2026-06-07T08:00', '2026-06-07T10:00', {
		merchantId: teahouse.id,
	});
	const tomorrow = room(
		'明日早市',
		'Tomorrow morning market',
		'2026-06-08T09:00',
		'2026-06-08T11:00',
	);
	const lateNight = room(
		'最后一夜通宵',
		'The last night, all night',
		'2026-06-08T23:30',
		'2026-06-09T01:30',
		{
			merchantId: teahouse.id,
		},
	);
	const waitingEnded = room(
		'早上待审',
		'Waiting, morning',
		'2026-06-07T09:00',
		'2026-06-07T10:00',
		{
			reviewStatus: 'submitted',
			updatedAt: new Date('2026-06-01T00:00:00Z'),
		},
	);
	const waitingSoon = room('今晚待审', 'Waiting, tonight', '2026-06-07T22:30', '2026-06-07T23:30', {
		reviewStatus: 'submitted',
		updatedAt: new Date('2026-06-07T12:00:00Z'),
	});
	return {
		festival,
		yuexiu,
		tianhe,
		shop,
		teahouse,
		rooms: { live, noWayIn, longWord, teaNow, next, later, morning, tomorrow, lateNight },
		waiting: { ended: waitingEnded, soon: waitingSoon },
		tokens: {
			merchant: merchantUser.token,
			staff: createSignedInUser(db, 'staff', now, { email: 'reviewer@bureau.gov.cn' }).token,
		},
	};
}

export type TonightWorld = ReturnType<typeof seedTonightWorld>;
