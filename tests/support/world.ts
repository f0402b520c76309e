import { festival as festivalTable } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import {
	createCategory,
	createDistrict,
	createFestival,
	createHost,
	createMerchant,
	createProduct,
	createRoom,
} from './factories';

/** The instant the small world is viewed at: 20:00 on the festival's second day, Shanghai time. */
export const WORLD_NOW = '2026-06-07T12:00:00Z';
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

/**
 * A small festival whose every room exists to prove one rule of the public pages: what is live,
 * what starts soon, what is hidden (not approved, suspended merchant), a showcase with hosts, and
 * each kind of price.
 */
export function seedSmallWorld(db: Db) {
	const f = createFestival(db, {
		city: 'guangzhou',
		slug: 'gz-test',
		nameZh: '测试直播节',
		nameEn: 'Test Live Festival',
	});
	const { yuexiu, tianhe, fashion, food } = createGuangzhouReference(db);
	const shop = createMerchant(db, {
		districtId: yuexiu.id,
		categoryId: fashion.id,
		nameZh: '北京路服饰',
		nameEn: 'Beijing Road Fashion',
	});
	const teahouse = createMerchant(db, {
		districtId: tianhe.id,
		categoryId: food.id,
		nameZh: '天河茶楼',
		nameEn: 'Tianhe Teahouse',
	});
	const suspended = createMerchant(db, {
		districtId: yuexiu.id,
		categoryId: food.id,
		status: 'suspended',
		nameZh: '停业商家',
	});
	const base = { festivalId: f.id };
	const live = createRoom(db, {
		...base,
		merchantId: shop.id,
		districtId: yuexiu.id,
		categoryId: fashion.id,
		title: '荔枝节女装专场',
		titleEn: 'Lychee season fashion special',
		description: '夏季新品，直播间专享价。',
		anchorName: '小美',
		startAt: at('2026-06-07T19:30:00'),
		endAt: at('2026-06-07T21:00:00'),
	});
	createProduct(db, {
		roomId: live.id,
		name: '真丝连衣裙',
		nameEn: 'Silk dress',
		priceType: 'fixed',
		price: 12800,
	});
	createProduct(db, {
		roomId: live.id,
		name: '防晒衫',
		nameEn: 'Sun shirt',
		priceType: 'range',
		price: 990,
		price2: 2990,
	});
	createProduct(db, {
		roomId: live.id,
		name: '草编帽',
		nameEn: 'Straw hat',
		priceType: 'discount',
		price: 19900,
		price2: 9900,
	});
	const soon = createRoom(db, {
		...base,
		merchantId: teahouse.id,
		districtId: tianhe.id,
		categoryId: food.id,
		title: '广式点心现做',
		titleEn: 'Dim sum made live',
		startAt: at('2026-06-07T21:00:00'),
	});
	const ended = createRoom(db, {
		...base,
		merchantId: teahouse.id,
		districtId: tianhe.id,
		categoryId: food.id,
		title: '早茶一盅两件',
		titleEn: 'Morning tea',
		wxRoomId: 3003,
		startAt: at('2026-06-06T08:00:00'),
		endAt: at('2026-06-06T10:00:00'),
		replayUrl: 'https://example.com/replay.mp4',
		replayExpiresAt: at('2026-06-10T00:00:00'),
	});
	const showcase = createRoom(db, {
		...base,
		kind: 'showcase',
		merchantId: shop.id,
		districtId: yuexiu.id,
		categoryId: fashion.id,
		title: '区长带你逛越秀',
		titleEn: 'Touring Yuexiu with the district head',
		startAt: at('2026-06-07T20:30:00'),
	});
	createHost(db, {
		roomId: showcase.id,
		name: '林某',
		nameEn: 'Lin',
		title: '越秀区副区长',
		titleEn: 'Deputy Head of Yuexiu District',
		districtId: yuexiu.id,
	});
	createHost(db, {
		roomId: showcase.id,
		name: '陈某',
		nameEn: 'Chen',
		title: '市商务局副局长',
		titleEn: 'Deputy Director, Bureau of Commerce',
	});
	const submitted = createRoom(db, {
		...base,
		merchantId: shop.id,
		districtId: yuexiu.id,
		categoryId: fashion.id,
		reviewStatus: 'submitted',
		title: '待审核直播',
		startAt: at('2026-06-07T19:00:00'),
	});
	const ofSuspended = createRoom(db, {
		...base,
		merchantId: suspended.id,
		districtId: yuexiu.id,
		categoryId: food.id,
		title: '停业商家直播',
		startAt: at('2026-06-07T19:00:00'),
	});
	return {
		festival: f,
		yuexiu,
		tianhe,
		shop,
		teahouse,
		suspended,
		live,
		soon,
		ended,
		showcase,
		submitted,
		ofSuspended,
	};
}

/** Two of Guangzhou's districts and two categories, as the small worlds use them. */
export function createGuangzhouReference(db: Db) {
	return {
		yuexiu: createDistrict(db, {
			city: 'guangzhou',
			code: 'yuexiu',
			nameZh: '越秀区',
			nameEn: 'Yuexiu',
		}),
		tianhe: createDistrict(db, {
			city: 'guangzhou',
			code: 'tianhe',
			nameZh: '天河区',
			nameEn: 'Tianhe',
		}),
		fashion: createCategory(db, { code: 'fashion', nameZh: '服饰', nameEn: 'Fashion' }),
		food: createCategory(db, { code: 'food', nameZh: '餐饮美食', nameEn: 'Food & dining' }),
	};
}

export function unpublishAll(db: Db): void {
	db.update(festivalTable).set({ published: false }).run();
}
