import { existsSync } from 'node:fs';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { room } from '../../../../db/schema';
import type { Db } from '../../../../src/lib/server/db';
import {
	findPublishedFestival,
	listReferenceData,
} from '../../../../src/lib/server/festival/current';
import { searchFts5 } from '../../../../src/lib/server/search/fts5';
import { buildHanText } from '../../../../src/lib/server/search/tokens';
import { INDEX_TABLES } from '../../../../src/lib/server/search/index-schema';
import { rebuildSearchIndex } from '../../../../src/lib/server/search/rebuild';
import { buildSearchRequest } from '../../../../src/lib/server/search/service';
import { locateIndexStage } from '../../../../src/lib/server/search/index-stage';
import {
	MARK_ALL_CHANGED_SQL,
	REBUILD_FTS_SQL,
	withSearchTriggersOff,
} from '../../../../src/lib/server/search/sql-functions';
import {
	createFestivalWorld,
	createMerchant,
	createProduct,
	createRoom,
} from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const NOW = new Date('2026-06-07T12:00:00Z');
const QUERIES = ['直播', '新品', '限时秒杀', '点心', 'nz', 'dim sum'];

const WORDS = [
	'直播',
	'新品',
	'限时秒杀',
	'点心',
	'女装',
	'荔枝蜜',
	'陈皮',
	'Dim Sum',
	'茶具',
	'香云纱',
];

let temp: ReturnType<typeof createTempDb>;
/** 600 rooms (a few merchants' and showcases), titles and products from a small vocabulary. */
beforeAll(() => {
	temp = createTempDb();
	const { db } = temp;
	const w = createFestivalWorld(db);
	const other = createMerchant(db, {
		nameZh: '锦绣女装',
		nameEn: 'Jinxiu Fashion',
		districtId: w.district.id,
		categoryId: w.category.id,
	});
	db.$client.transaction(() => {
		for (let i = 0; i < 600; i++) {
			const r = createRoom(db, {
				festivalId: w.festival.id,
				merchantId: i % 5 === 4 ? undefined : i % 2 ? other.id : w.merchant.id,
				districtId: w.district.id,
				categoryId: w.category.id,
				startAt: new Date(NOW.getTime() + (i - 300) * 600_000),
				title: `${WORDS[i % WORDS.length]}${WORDS[(i * 7) % WORDS.length]}专场${i}`,
				reviewStatus: i % 11 === 0 ? 'submitted' : 'approved',
			});
			for (let p = 0; p < i % 4; p++)
				createProduct(db, { roomId: r.id, name: `${WORDS[(i + p) % WORDS.length]}礼盒` });
		}
	})();
}, 60_000);
afterAll(() => temp.cleanup());

function search(db: Db, q: string): number[] {
	const festival = findPublishedFestival(db)!;
	const ref = listReferenceData(db, festival);
	const request = buildSearchRequest(
		{ db, engines: undefined as never, festival, ref, locale: 'zh-cn', now: NOW },
		{ q, page: 1 },
	);
	const result = searchFts5(db, { ...request, pageSize: 10_000 });
	return [...result.ids].sort((a, b) => a - b);
}

/** Every (table, term, room, column) the index holds: its content, whatever its segments look like. */
function dumpIndex(db: Db): string[] {
	const sqlite = db.$client;
	return INDEX_TABLES.flatMap(({ name }) => {
		sqlite.exec(
			`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${name}_terms USING fts5vocab(main, ${name}, instance)`,
		);
		const rows = sqlite.prepare(`SELECT term, doc, col FROM temp.${name}_terms`).raw().all();
		return (rows as [string, number, string][]).map((row) => [name, ...row].join('\t'));
	}).sort();
}

describe('rebuildSearchIndex', () => {
	it('writes the same index from worker threads as on this thread and as the SQL functions do', async () => {
		const { db } = temp;
		db.$client.exec(REBUILD_FTS_SQL);
		const bySql = dumpIndex(db);
		const inline = await rebuildSearchIndex(db, { workers: 0, chunkRooms: 300 });
		const byThread = dumpIndex(db);
		const threaded = await rebuildSearchIndex(db, { workers: 2, chunkRooms: 300 });
		const byWorkers = dumpIndex(db);
		for (const { name } of INDEX_TABLES) {
			db.$client.exec(`INSERT INTO ${name}(${name}) VALUES('delete-all')`);
		}
		await rebuildSearchIndex(db, { workers: 2, chunkRooms: 300 });
		const fromEmpty = dumpIndex(db);
		const rooms = db.$client.prepare('SELECT count(*) FROM room_search_source').pluck().get();
		expect(bySql.length).toBeGreaterThan(5_000);
		expect([inline.rooms, threaded.rooms, threaded.workers]).toEqual([rooms, rooms, 2]);
		expect([byThread, byWorkers, fromEmpty]).toEqual([bySql, bySql, bySql]);
	}, 60_000);

	it('keeps every search complete between its transactions and keeps writes made meanwhile', async () => {
		const { db } = temp;
		const expected = QUERIES.map((q) => search(db, q));
		const target = db.select().from(room).where(eq(room.reviewStatus, 'approved')).all().at(-1)!;
		const missing: string[] = [];
		let step = 0;
		const summary = await rebuildSearchIndex(db, {
			workers: 0,
			chunkRooms: 60,
			maxTransactionMs: 0,
			afterTransaction() {
				step++;
				QUERIES.forEach((q, i) => {
					const now = search(db, q);
					const lost = expected[i]!.filter((id) => id !== target.id && !now.includes(id));
					if (lost.length > 0) missing.push(`${step} ${q}: ${lost.join(',')}`);
				});
				// A write in a range already read but not yet written: the rebuild must keep it.
				if (step === 2) {
					db.update(room).set({ title: '彩虹螺蛳粉测试专场' }).where(eq(room.id, target.id)).run();
				}
			},
		});
		expect([missing, summary.transactions > 10, search(db, '螺蛳粉').includes(target.id)]).toEqual([
			[],
			true,
			true,
		]);
		// Its title column holds the new title's tokens, as a trigger wrote them, not the old ones.
		const titleTerms = dumpIndex(db)
			.map((line) => line.split('\t'))
			.filter(
				([table, , doc, col]) =>
					table === 'room_fts_han' && Number(doc) === target.id && col === 'title',
			)
			.map(([, term]) => term!)
			.sort();
		expect(titleTerms).toEqual(buildHanText(`彩虹螺蛳粉测试专场`).split(' ').sort());
	}, 60_000);

	it('indexes rooms a bulk load wrote with the triggers off', async () => {
		const { db } = temp;
		const some = db.select().from(room).where(eq(room.reviewStatus, 'approved')).get()!;
		const bulk = withSearchTriggersOff(db.$client, () =>
			createRoom(db, {
				festivalId: some.festivalId,
				merchantId: some.merchantId,
				districtId: some.districtId,
				categoryId: some.categoryId,
				startAt: some.startAt,
				title: '琥珀核桃仁批量导入',
			}),
		);
		const before = search(db, '核桃仁批量').includes(bulk.id);
		await rebuildSearchIndex(db, { workers: 1 });
		expect([before, search(db, '核桃仁批量').includes(bulk.id)]).toEqual([false, true]);
	}, 60_000);

	it('keeps what other connections write while worker threads build the stage', async () => {
		const { db } = temp;
		const approved = db
			.select({ id: room.id })
			.from(room)
			.where(eq(room.reviewStatus, 'approved'))
			.all()
			.slice(0, 40)
			.map((r) => r.id);
		let writes = 0;
		const writer = setInterval(() => {
			const id = approved[writes % approved.length]!;
			db.update(room)
				.set({ title: `改名测试${writes}号陈皮` })
				.where(eq(room.id, id))
				.run();
			writes++;
		}, 2);
		const summary = await rebuildSearchIndex(db, { workers: 2, chunkRooms: 100 }).finally(() =>
			clearInterval(writer),
		);
		const rebuilt = dumpIndex(db);
		db.$client.exec(REBUILD_FTS_SQL);
		expect([writes > 5, summary.attempts, rebuilt]).toEqual([true, 1, dumpIndex(db)]);
	}, 60_000);

	it('builds again when everything changed meanwhile, and leaves nothing behind', async () => {
		const { db } = temp;
		const ids = db
			.select({ id: room.id })
			.from(room)
			.limit(3)
			.all()
			.map((r) => r.id);
		let step = 0;
		const summary = await rebuildSearchIndex(db, {
			workers: 0,
			chunkRooms: 200,
			afterTransaction() {
				step++;
				if (step !== 2) return;
				db.update(room).set({ title: '全部改动荔枝蜜' }).where(inArray(room.id, ids)).run();
				db.$client.exec(MARK_ALL_CHANGED_SQL);
			},
		});
		const leftovers = db.$client
			.prepare(
				`SELECT name FROM sqlite_master WHERE name LIKE 'room_fts%build%' OR name LIKE 'room_fts%old%'`,
			)
			.pluck()
			.all();
		const stage = locateIndexStage(db.$client.name);
		const rebuilt = dumpIndex(db);
		db.$client.exec(REBUILD_FTS_SQL);
		expect([summary.attempts, leftovers, existsSync(stage), existsSync(`${stage}.lock`)]).toEqual([
			2,
			[],
			false,
			false,
		]);
		expect(rebuilt).toEqual(dumpIndex(db));
	}, 60_000);

	it('refuses a second rebuild of the same database while one runs', async () => {
		const { db } = temp;
		const first = rebuildSearchIndex(db, { workers: 1 });
		const second = rebuildSearchIndex(db, { workers: 1 });
		await expect(second).rejects.toThrow(/another rebuild \(process \d+\) is running/);
		expect((await first).rooms).toBeGreaterThan(500);
	}, 60_000);
});
