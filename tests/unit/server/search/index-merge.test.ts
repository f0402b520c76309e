import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src/lib/server/db';
import { INDEX_TABLES } from '../../../../src/lib/server/search/index-schema';
import Database from 'better-sqlite3';
import {
	mergeIndexStep,
	startIndexMergeWorker,
	tryMergeIndexStep,
} from '../../../../src/lib/server/search/index-merge';
import { rebuildSearchIndex } from '../../../../src/lib/server/search/rebuild';
import { createFestivalWorld, createProduct, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const NOW = new Date('2026-06-07T12:00:00Z');
const WORDS = ['直播', '新品', '点心', '女装', '荔枝蜜', '陈皮', 'Dim Sum', '茶具'];

let temp: ReturnType<typeof createTempDb>;
const roomIds: number[] = [];
beforeAll(() => {
	temp = createTempDb();
	const { db } = temp;
	const w = createFestivalWorld(db);
	db.$client.transaction(() => {
		for (let i = 0; i < 300; i++) {
			const r = createRoom(db, {
				festivalId: w.festival.id,
				merchantId: w.merchant.id,
				districtId: w.district.id,
				categoryId: w.category.id,
				startAt: new Date(NOW.getTime() + i * 600_000),
				title: `${WORDS[i % WORDS.length]}${WORDS[(i * 3) % WORDS.length]}专场${i}`,
			});
			createProduct(db, { roomId: r.id, name: `${WORDS[(i + 1) % WORDS.length]}礼盒` });
			roomIds.push(r.id);
		}
	})();
}, 60_000);
afterAll(() => temp.cleanup());

/** Each index table's merge settings, as FTS5 stores them. */
function settings(db: Db): Record<string, Record<string, number>> {
	return Object.fromEntries(
		INDEX_TABLES.map(({ name }) => [
			name,
			Object.fromEntries(
				(
					db.$client.prepare(`SELECT k, v FROM ${name}_config`).raw().all() as [string, number][]
				).filter(([k]) => k !== 'version'),
			),
		]),
	);
}

/** The size of each table's structure record, which lists every segment: it grows with them. */
function structureBytes(db: Db): number[] {
	return INDEX_TABLES.map(
		({ name }) =>
			db.$client
				.prepare(`SELECT length(block) FROM ${name}_data WHERE id = 10`)
				.pluck()
				.get() as number,
	);
}

/** Every (table, term, room) the index holds, whatever its segments. */
function dumpIndex(db: Db): string[] {
	return INDEX_TABLES.flatMap(({ name }) => {
		db.$client.exec(
			`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${name}_terms USING fts5vocab(main, ${name}, instance)`,
		);
		const rows = db.$client.prepare(`SELECT term, doc, col FROM temp.${name}_terms`).raw().all();
		return (rows as unknown[][]).map((row) => [name, ...row].join('\t'));
	}).sort();
}

/** One room's title changed in a transaction of its own, as a merchant's edit is. */
function editTitles(db: Db, count: number, mark: string): void {
	const rename = db.$client.prepare('UPDATE room SET title = title || ? WHERE id = ?');
	for (let i = 0; i < count; i++) rename.run(mark, roomIds[(i * 7) % roomIds.length]!);
}

describe('search index merging', () => {
	it('is off inside writes, on a migrated index and on one a rebuild swapped in', async () => {
		const { db } = temp;
		const migrated = settings(db);
		await rebuildSearchIndex(db, { workers: 0, chunkRooms: 100 });
		const rebuilt = settings(db);
		const expected = Object.fromEntries(
			INDEX_TABLES.map(({ name }) => [name, { automerge: 0, crisismerge: 1999 }]),
		);
		expect([migrated, rebuilt]).toEqual([expected, expected]);
	}, 60_000);

	it('lets segments gather over 60 writes, then merges them step by step to the same index', () => {
		const { db } = temp;
		const settled = structureBytes(db);
		editTitles(db, 60, '甲');
		const gathered = structureBytes(db);
		const content = dumpIndex(db);
		let steps = 0;
		while (mergeIndexStep(db.$client, 4) && steps < 10_000) steps += 1;
		const merged = structureBytes(db);
		expect({
			// Each write added a segment to each table (FTS5 merged nothing by itself)…
			grew: gathered.map((bytes, i) => bytes > settled[i]! + 60),
			steps: steps > 1,
			// …and the steps merged them down again, the index's content unchanged.
			shrank: merged.map((bytes, i) => bytes < gathered[i]! / 4),
			same: dumpIndex(db).length === content.length && dumpIndex(db).join() === content.join(),
			done: mergeIndexStep(db.$client, 4),
		}).toEqual({
			grew: [true, true],
			steps: true,
			shrank: [true, true],
			same: true,
			done: false,
		});
	});

	it('steps aside at once while another connection holds the write lock, and keeps its timeout', () => {
		const { db } = temp;
		editTitles(db, 10, '丙');
		const other = new Database(temp.file);
		other.exec('BEGIN IMMEDIATE');
		const started = performance.now();
		let outcome: boolean | 'busy';
		try {
			outcome = tryMergeIndexStep(db.$client, 4);
		} finally {
			other.exec('ROLLBACK');
			other.close();
		}
		const waitedMs = performance.now() - started;
		expect({
			outcome,
			// No wait for the lock: the busy timeout (5 s) would have been spent otherwise.
			quick: waitedMs < 1_000,
			timeout: db.$client.pragma('busy_timeout', { simple: true }),
			afterwards: tryMergeIndexStep(db.$client, 4),
		}).toEqual({ outcome: 'busy', quick: true, timeout: 5000, afterwards: true });
	});

	it("the server's merge worker does the same in the background, and stops", async () => {
		const { db } = temp;
		editTitles(db, 40, '乙');
		const gathered = structureBytes(db);
		const worker = startIndexMergeWorker(db);
		const deadline = Date.now() + 20_000;
		while (mergeWorkLeft(db, gathered) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		await worker.stop();
		expect(structureBytes(db).map((bytes, i) => bytes < gathered[i]! / 4)).toEqual([true, true]);
	}, 30_000);
});

function mergeWorkLeft(db: Db, gathered: number[]): boolean {
	return structureBytes(db).some((bytes, i) => bytes >= gathered[i]! / 4);
}
