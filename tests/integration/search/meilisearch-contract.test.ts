// Layer: integration, against a real Meilisearch. Runs only when MEILISEARCH_URL (and, if the
// instance has a master key, MEILISEARCH_KEY) is set; skipped otherwise — none can run on CI.
// Indexes the demo festival into a throwaway index and checks the behaviours FTS5 has.
import { eq, sql } from 'drizzle-orm';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { room } from '../../../db/schema';
import { seedDemoFestival } from '../../../db/seed';
import { systemClock } from '../../../src/lib/server/clock';
import type { Db } from '../../../src/lib/server/db';
import {
	findPublishedFestival,
	type Festival,
	listFestivalDays,
	listReferenceData,
} from '../../../src/lib/server/festival/current';
import { buildDocuments, type RoomDocument } from '../../../src/lib/server/search/documents';
import { createFts5Index } from '../../../src/lib/server/search/fts5';
import {
	createMeilisearchIndex,
	type MeilisearchIndex,
	type RebuildSummary,
} from '../../../src/lib/server/search/meilisearch';
import { createOutboxWorker } from '../../../src/lib/server/search/outbox';
import type {
	SearchFilters,
	SearchIndex,
	SearchRequest,
} from '../../../src/lib/server/search/types';
import { getDayBounds } from '../../../src/lib/shared/time';
import { createTempDb } from '../../support/temp-db';

const MEILI_URL = process.env.MEILISEARCH_URL;
const MEILI_KEY = process.env.MEILISEARCH_KEY;

describe.skipIf(!MEILI_URL)('Meilisearch adapter against a real Meilisearch', () => {
	// Set up in beforeAll: describe bodies run even when the suite is skipped.
	let temp: ReturnType<typeof createTempDb>;
	let db: Db;
	let festival: Festival;
	let ref: ReturnType<typeof listReferenceData>;
	let fts5: SearchIndex;
	let meili: MeilisearchIndex;
	let summary: RebuildSummary;
	const uid = `livefest_contract_${Date.now()}`;
	const now = new Date('2026-06-07T06:00:00Z'); // 14:00 on the middle day in Guangzhou

	const makeRequest = (q: string, filters: SearchFilters = {}, pageSize = 20): SearchRequest => ({
		festivalId: festival.id,
		days: listFestivalDays(festival).map((day) => {
			const { start, end } = getDayBounds(day, festival.timezone);
			return { day, start: start.getTime(), end: end.getTime() };
		}),
		districtCodes: new Map(ref.districts.map((d) => [d.id, d.code])),
		categoryCodes: new Map(ref.categories.map((c) => [c.id, c.code])),
		q,
		filters,
		page: 1,
		pageSize,
		now,
	});
	const documentOf = (id: number): RoomDocument => buildDocuments(db, [id]).documents[0]!;
	const drainOutbox = () => createOutboxWorker({ db, sink: meili, clock: systemClock }).drain();

	beforeAll(async () => {
		temp = createTempDb();
		db = temp.db;
		seedDemoFestival(db, { today: '2026-06-07' });
		festival = findPublishedFestival(db)!;
		ref = listReferenceData(db, festival);
		fts5 = createFts5Index(db);
		meili = createMeilisearchIndex(db, {
			url: MEILI_URL!,
			key: MEILI_KEY,
			index: uid,
			searchTimeoutMs: 5000,
		});
		summary = await meili.rebuildBySwap();
	}, 120_000);

	afterAll(async () => {
		const client = new Meilisearch({ host: MEILI_URL!, apiKey: MEILI_KEY });
		await client.deleteIndexIfExists(uid);
		temp.cleanup();
	});

	it('indexes every public room through the swap and clears the outbox it covered', () => {
		const publicRooms = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM room_search_source`);
		const outbox = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM search_outbox`);

		expect(summary.documents).toBe(publicRooms!.n);
		expect(summary.index).toBe(uid);
		expect(outbox!.n).toBe(0);
	});

	const filterCases: SearchFilters[] = [
		{},
		{ phase: 'live' },
		{ phase: 'upcoming', kind: 'merchant' },
		{ day: '2026-06-08', phase: 'ended' },
	];

	it.each(filterCases)('gives the same total and facet counts as FTS5 for %o', async (filters) => {
		const district = ref.districts[0]!.code;
		const category = ref.categories[1]!.code;
		for (const extra of [{}, { district }, { district, category }]) {
			const request = makeRequest('', { ...filters, ...extra });

			const [fromMeili, fromFts5] = await Promise.all([
				meili.search(request),
				fts5.search(request),
			]);

			expect(fromMeili.engine).toBe('meilisearch');
			expect(fromMeili.facets).toEqual(fromFts5.facets);
			expect(fromMeili.total).toBe(fromFts5.total);
		}
	});

	it('finds a two-character Chinese word', async () => {
		const result = await meili.search(makeRequest('女装'));

		expect(result.total).toBeGreaterThan(0);
		const top = documentOf(result.ids[0]!);
		expect(`${top.title} ${top.names} ${top.products}`).toContain('女装');
	});

	it('finds the same word by its pinyin and by its initials', async () => {
		const full = await meili.search(makeRequest('nvzhuang'));
		const initials = await meili.search(makeRequest('nz'));

		expect(documentOf(full.ids[0]!).pinyin.split(' ')).toContain('nvzhuang');
		expect(
			documentOf(initials.ids[0]!)
				.pinyin.split(' ')
				.some((t) => t.startsWith('nz')),
		).toBe(true);
	});

	it('returns only hits that satisfy every filter', async () => {
		const district = ref.districts[0]!.code;
		const filters: SearchFilters = { district, day: '2026-06-07', phase: 'upcoming' };

		const result = await meili.search(makeRequest('', filters, 100));

		expect(result.ids.length).toBeGreaterThan(0);
		for (const id of result.ids) {
			const doc = documentOf(id);
			expect([doc.district, doc.day, doc.startsAt > now.getTime()]).toEqual([
				district,
				'2026-06-07',
				true,
			]);
		}
	});

	it('picks up a changed title through the outbox', async () => {
		const id = (await meili.search(makeRequest(''))).ids[0]!;
		db.update(room).set({ title: '契约测试专场 zzqcontract' }).where(eq(room.id, id)).run();

		await drainOutbox();
		const result = await meili.search(makeRequest('zzqcontract'));

		expect(result.ids).toEqual([id]);
	});

	it('removes a room that stopped being public', async () => {
		const id = (await meili.search(makeRequest('zzqcontract'))).ids[0]!;
		db.update(room).set({ reviewStatus: 'rejected' }).where(eq(room.id, id)).run();

		const removed = await drainOutbox();
		const [fromMeili, fromFts5] = await Promise.all([
			meili.search(makeRequest('zzqcontract')),
			fts5.search(makeRequest('')),
		]);

		expect(removed).toBe(1);
		expect(fromMeili.ids).toEqual([]);
		expect((await meili.search(makeRequest(''))).total).toBe(fromFts5.total);
	});
});
