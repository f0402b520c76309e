import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { merchant, room } from '../../../../db/schema';
import { seedDemoFestival } from '../../../../db/seed';
import type { Db } from '../../../../src/lib/server/db';
import {
	findPublishedFestival,
	listReferenceData,
} from '../../../../src/lib/server/festival/current';
import { getPublicRoomCondition } from '../../../../src/lib/server/room/visibility';
import { createFts5Index, searchFts5 } from '../../../../src/lib/server/search/fts5';
import { buildSearchRequest } from '../../../../src/lib/server/search/service';
import type { SearchFilters } from '../../../../src/lib/server/search/types';
import { createFestivalWorld, createProduct, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

let temp: ReturnType<typeof createTempDb>;
beforeEach(() => {
	temp = createTempDb();
});
afterEach(() => temp.cleanup());

const NOW = new Date('2026-06-07T12:00:00Z');

function search(db: Db, q: string, filters: SearchFilters = {}, pageSize = 20) {
	const festival = findPublishedFestival(db)!;
	const ref = listReferenceData(db, festival);
	const request = buildSearchRequest(
		{ db, engines: undefined as never, festival, ref, locale: 'zh-cn', now: NOW },
		{ q, page: 1, ...filters },
	);
	return searchFts5(db, { ...request, pageSize });
}

function world(db: Db) {
	const w = createFestivalWorld(db);
	const at = (h: number) => new Date(Date.UTC(2026, 5, 7, h));
	const base = {
		festivalId: w.festival.id,
		merchantId: w.merchant.id,
		districtId: w.district.id,
		categoryId: w.category.id,
	};
	return { ...w, base, at };
}

describe('the FTS5 index follows every write, in the same transaction', () => {
	it('finds a room as soon as it is inserted approved, and by its products', () => {
		const { db } = temp;
		const w = world(db);
		const r = createRoom(db, { ...w.base, title: '荔枝蜜专场', startAt: w.at(10) });
		createProduct(db, { roomId: r.id, name: '从化荔枝蜜' });
		createProduct(db, { roomId: r.id, name: '陈皮普洱' });
		expect([search(db, '荔枝').ids, search(db, '普洱').ids, search(db, 'lizhimi').ids]).toEqual([
			[r.id],
			[r.id],
			[r.id],
		]);
	});

	it('drops a room that stops being public: rejected, merchant suspended, festival unpublished', () => {
		const { db } = temp;
		const w = world(db);
		const r = createRoom(db, { ...w.base, title: '女装上新', startAt: w.at(10) });
		expect(search(db, '女装').total).toBe(1);
		db.update(room).set({ reviewStatus: 'rejected' }).where(eq(room.id, r.id)).run();
		expect(search(db, '女装').total).toBe(0);
		db.update(room).set({ reviewStatus: 'approved' }).where(eq(room.id, r.id)).run();
		db.update(merchant).set({ status: 'suspended' }).where(eq(merchant.id, w.merchant.id)).run();
		expect(search(db, '女装').total).toBe(0);
	});

	it('finds a merchant by its new name after a rename', () => {
		const { db } = temp;
		const w = world(db);
		createRoom(db, { ...w.base, title: '周末特惠', startAt: w.at(10) });
		db.update(merchant).set({ nameZh: '陶陶居' }).where(eq(merchant.id, w.merchant.id)).run();
		expect([search(db, '陶陶居').total, search(db, 'taotaoju').total]).toEqual([1, 1]);
	});

	it('leaves no trace of a transaction that rolled back', () => {
		const { db } = temp;
		const w = world(db);
		expect(() =>
			db.transaction(() => {
				createRoom(db, { ...w.base, title: '回滚的直播', startAt: w.at(10) });
				throw new Error('abort');
			}),
		).toThrow('abort');
		expect(search(db, '回滚').total).toBe(0);
		const outbox = db.$client.prepare('select count(*) from search_outbox').pluck().get();
		expect(outbox).toBe(0);
	});

	it('queues every changed room for the external engine, once per room', () => {
		const { db } = temp;
		const w = world(db);
		const r = createRoom(db, { ...w.base, title: '女装上新', startAt: w.at(10) });
		createProduct(db, { roomId: r.id });
		db.update(room).set({ title: '女装上新2' }).where(eq(room.id, r.id)).run();
		const rows = db.$client.prepare('select room_id from search_outbox').pluck().all();
		expect(rows).toEqual([r.id]);
	});
});

describe('rebuild', () => {
	it('gives the same index the triggers built row by row', async () => {
		const { db } = temp;
		const w = world(db);
		for (let i = 0; i < 30; i++) {
			const r = createRoom(db, {
				...w.base,
				title: i % 2 ? `凉茶专场${i}` : `点心现做${i}`,
				startAt: w.at(i % 20),
			});
			createProduct(db, { roomId: r.id, name: i % 3 ? '凉茶礼盒' : '虾饺' });
		}
		const queries = ['凉茶', '点心', '虾饺', 'liangcha'];
		const before = queries.map((q) => search(db, q, {}, 50).ids);
		await createFts5Index(db).rebuild();
		expect(queries.map((q) => search(db, q, {}, 50).ids)).toEqual(before);
	});
});

describe('ranking', () => {
	it('puts a title match above a product match above a description match, then what is on first', () => {
		const { db } = temp;
		const w = world(db);
		const inDescription = createRoom(db, {
			...w.base,
			title: '周末直播',
			description: '有凉茶',
			startAt: w.at(13),
		});
		const inProduct = createRoom(db, { ...w.base, title: '周末好物', startAt: w.at(13) });
		createProduct(db, { roomId: inProduct.id, name: '凉茶' });
		const ended = createRoom(db, { ...w.base, title: '凉茶专场', startAt: w.at(6) });
		const later = createRoom(db, { ...w.base, title: '凉茶专场', startAt: w.at(17) });
		const soon = createRoom(db, { ...w.base, title: '凉茶专场', startAt: w.at(13) });
		const live = createRoom(db, {
			...w.base,
			title: '凉茶专场',
			startAt: w.at(11),
			endAt: w.at(14),
		});
		expect(search(db, '凉茶').ids).toEqual([
			live.id,
			soon.id,
			later.id,
			ended.id,
			inProduct.id,
			inDescription.id,
		]);
	});

	it('ranks what matches as typed above accent-merged pinyin, and finds a homophone by ear', () => {
		const { db } = temp;
		const w = world(db);
		const phone = createRoom(db, { ...w.base, title: '手机配件专场', startAt: w.at(13) });
		const collect = createRoom(db, { ...w.base, title: '搜集老物件', startAt: w.at(6) });
		const qipao = createRoom(db, { ...w.base, title: '香云纱旗袍秀', startAt: w.at(13) });
		const typo = search(db, '旗泡');
		expect([search(db, 'souji').ids, typo.ids, typo.heard]).toEqual([
			[collect.id, phone.id],
			[qipao.id],
			'qipao',
		]);
	});
});

describe('on the demo festival', () => {
	it('indexes exactly the rooms the public pages show', () => {
		const { db } = temp;
		seedDemoFestival(db, {});
		const festival = findPublishedFestival(db)!;
		const publicIds = db
			.select({ id: room.id })
			.from(room)
			.leftJoin(merchant, eq(merchant.id, room.merchantId))
			.where(and(getPublicRoomCondition(festival.id)))
			.all()
			.map((r) => r.id)
			.sort((a, b) => a - b);
		const indexed = (table: string) =>
			db.$client.prepare(`select rowid from ${table}_docsize order by rowid`).pluck().all();
		expect([indexed('room_fts_han'), indexed('room_fts_latin')]).toEqual([publicIds, publicIds]);
	});

	it('facets count per value and filters apply', () => {
		const { db } = temp;
		seedDemoFestival(db, {});
		const all = search(db, '凉茶');
		const tianhe = search(db, '凉茶', { district: 'tianhe' });
		expect(tianhe.total).toBe(all.facets.district.tianhe ?? 0);
		expect(Object.values(all.facets.day).reduce((a, b) => a + b, 0)).toBe(all.total);
	});
});
