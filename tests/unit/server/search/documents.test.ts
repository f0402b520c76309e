// Layer: unit (real SQLite file, migrations applied).
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { festival, merchant, room } from '../../../../db/schema';
import { queryTally } from '../../../../src/lib/server/db';
import {
	buildDocuments,
	hashDocument,
	listAllDocuments,
	type RoomDocument,
} from '../../../../src/lib/server/search/documents';
import { buildPinyinText, buildWordPinyinText } from '../../../../src/lib/server/search/tokens';
import {
	createCategory,
	createDistrict,
	createFestival,
	createHost,
	createMerchant,
	createProduct,
	createRoom,
} from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());
const { db } = temp;

const fest = createFestival(db, { timezone: 'Asia/Shanghai' });
const tianhe = createDistrict(db, { code: 'tianhe', nameZh: '天河区', nameEn: 'Tianhe' });
const apparel = createCategory(db, { code: 'apparel', nameZh: '服饰', nameEn: 'Apparel' });
const place = { festivalId: fest.id, districtId: tianhe.id, categoryId: apparel.id };
const shop = createMerchant(db, {
	districtId: tianhe.id,
	categoryId: apparel.id,
	nameZh: '陈记女装',
	nameEn: 'Chen Womenswear',
});
// 01:30 on 7 June in Shanghai, still 6 June in UTC and in the test's New York zone.
const start = new Date('2026-06-06T17:30:00Z');
const end = new Date('2026-06-06T19:00:00Z');
const dress = createRoom(db, {
	...place,
	merchantId: shop.id,
	title: '夏季女装上新',
	titleEn: 'Summer womenswear',
	description: '当季新款',
	anchorName: '小美',
	startAt: start,
	endAt: end,
});
createProduct(db, { roomId: dress.id, name: '真丝连衣裙', nameEn: 'Silk dress' });

describe('buildDocuments', () => {
	it('builds the full document of a public merchant room, day in the festival zone', () => {
		const { documents, missingIds } = buildDocuments(db, [dress.id]);

		const expected: RoomDocument = {
			id: dress.id,
			festivalId: fest.id,
			title: '夏季女装上新',
			titleEn: 'Summer womenswear',
			names: '陈记女装 Chen Womenswear 小美',
			pinyin: `${buildPinyinText('夏季女装上新 陈记女装 小美')} ${buildWordPinyinText('真丝连衣裙')}`,
			products: '真丝连衣裙 Silk dress',
			description: '当季新款 天河区 Tianhe 服饰 Apparel',
			day: '2026-06-07',
			district: 'tianhe',
			category: 'apparel',
			kind: 'merchant',
			startsAt: start.getTime(),
			endsAt: end.getTime(),
			venues: [],
		};
		expect(documents).toEqual([expected]);
		expect(missingIds).toEqual([]);
		expect(documents[0]!.pinyin.split(' ')).toEqual(expect.arrayContaining(['nvzhuang', 'nz']));
	});

	it('folds Traditional characters to Simplified, as the FTS5 index does', () => {
		const hk = createRoom(db, { ...place, title: '港式燒臘', titleEn: null, startAt: start });
		const [doc] = buildDocuments(db, [hk.id]).documents;
		expect([doc!.title, doc!.pinyin.split(' ').includes('shaola')]).toEqual(['港式烧腊', true]);
	});

	it('puts showcase hosts with their titles into names', () => {
		const showcase = createRoom(db, {
			...place,
			title: '区长带你逛天河',
			titleEn: null,
			anchorName: '',
			startAt: start,
		});
		createHost(db, {
			roomId: showcase.id,
			name: '王明',
			nameEn: 'Wang Ming',
			title: '副区长',
			titleEn: 'Deputy Head',
		});

		const [doc] = buildDocuments(db, [showcase.id]).documents;

		expect(doc?.kind).toBe('showcase');
		expect(doc?.names).toBe('王明 Wang Ming 副区长 Deputy Head');
		expect(doc?.titleEn).toBe('');
	});

	it('lists rooms that are not public, or gone, as missing, each once', () => {
		const draft = createRoom(db, { ...place, merchantId: shop.id, startAt: start });
		db.update(room).set({ reviewStatus: 'draft' }).where(eq(room.id, draft.id)).run();
		const hidden = createFestival(db, { published: false, isCurrent: false });
		const unpublished = createRoom(db, { ...place, festivalId: hidden.id, startAt: start });
		const suspended = createMerchant(db, { districtId: tianhe.id, categoryId: apparel.id });
		const ofSuspended = createRoom(db, { ...place, merchantId: suspended.id, startAt: start });
		db.update(merchant).set({ status: 'suspended' }).where(eq(merchant.id, suspended.id)).run();

		const ids = [draft.id, dress.id, unpublished.id, ofSuspended.id, 999_999, draft.id];
		const { documents, missingIds } = buildDocuments(db, ids);

		expect(documents.map((d) => d.id)).toEqual([dress.id]);
		expect(missingIds).toEqual([draft.id, unpublished.id, ofSuspended.id, 999_999]);
	});

	it('reads any number of rooms in one statement', () => {
		const ids = Array.from({ length: 40 }, () => createRoom(db, { ...place, startAt: start }).id);
		const tally = { count: 0 };

		const { documents } = queryTally.run(tally, () => buildDocuments(db, ids));

		expect(documents).toHaveLength(40);
		expect(tally.count).toBe(1);
	});

	it('returns nothing for no ids without asking the database', () => {
		expect(buildDocuments(db, [])).toEqual({ documents: [], missingIds: [] });
	});
});

describe('listAllDocuments', () => {
	it('pages through exactly the public rooms in id order', () => {
		const other = createTempDb();
		try {
			const f = createFestival(other.db);
			const d = createDistrict(other.db);
			const c = createCategory(other.db);
			const at = { festivalId: f.id, districtId: d.id, categoryId: c.id, startAt: start };
			const ids = Array.from({ length: 5 }, () => createRoom(other.db, at).id);
			const draft = createRoom(other.db, { ...at, reviewStatus: 'draft' });

			const pages = [...listAllDocuments(other.db, 2)];

			expect(pages.map((page) => page.map((doc) => doc.id))).toEqual([
				ids.slice(0, 2),
				ids.slice(2, 4),
				ids.slice(4),
			]);
			expect(pages.flat().some((doc) => doc.id === draft.id)).toBe(false);
		} finally {
			other.cleanup();
		}
	});
});

describe('hashDocument', () => {
	it('changes when any field changes and only then', () => {
		const [doc] = buildDocuments(db, [dress.id]).documents;
		const before = hashDocument(doc!);

		db.update(festival).set({ nameZh: '改名' }).where(eq(festival.id, fest.id)).run();
		const unchanged = hashDocument(buildDocuments(db, [dress.id]).documents[0]!);
		db.update(room).set({ title: '夏季女装清仓' }).where(eq(room.id, dress.id)).run();
		const changed = hashDocument(buildDocuments(db, [dress.id]).documents[0]!);

		expect(unchanged).toBe(before);
		expect(changed).not.toBe(before);
	});
});
