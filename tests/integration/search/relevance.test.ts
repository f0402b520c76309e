// Layer: integration — the embedded FTS5 engine on the seeded demo festival, judged against the
// committed relevance set (tests/fixtures/search-relevance.json). The expected rooms and the words
// that make a room relevant were chosen from the demo's data as a person judging relevance would,
// never from what an engine returns. The clock is the evening of the festival's second day, so
// rooms are on air and the ranking must lead with them (issue 16).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFestival } from '../../../db/seed';
import {
	findPublishedFestival,
	listFestivalDays,
	listReferenceData,
} from '../../../src/lib/server/festival/current';
import { SOON_WINDOW_MS } from '../../../src/lib/shared/live-phase';
import { createFts5Index, searchFts5 } from '../../../src/lib/server/search/fts5';
import { getPhaseCode, getRoomAttributes } from '../../../src/lib/server/search/room-attributes';
import { buildSearchRequest, type SearchContext } from '../../../src/lib/server/search/service';
import {
	formatRelevanceReport,
	listRoomIdentities,
	listRoomTexts,
	loadRelevanceCases,
	measureRelevance,
	RELEVANCE_KINDS,
	type RelevanceKind,
	type RoomIdentity,
} from '../../support/relevance';
import { createTempDb } from '../../support/temp-db';

/** What issue 3 asks of the set: at least this many queries, and of each kind. */
const MIN_CASES = 70;
const MIN_PER_KIND: Partial<Record<RelevanceKind, number>> = {
	'two-char': 6,
	'pinyin-full': 6,
	'pinyin-initials': 6,
	english: 6,
	'merchant-name': 6,
	'inside-word': 4,
	traditional: 10,
	'pinyin-accent': 10,
	homophone: 10,
	'pinyin-product': 10,
	'pinyin-merchant': 10,
};
/** Issue 16's bars: recall kept, precision overall and per kind, and what is on leading. */
const REQUIRED_RECALL = 0.95;
const REQUIRED_PRECISION = 0.9;
const REQUIRED_PRECISION_PER_KIND = 0.8;
const REQUIRED_ON_AIR_FIRST = 0.9;

const cases = loadRelevanceCases();
let temp: ReturnType<typeof createTempDb>;
let ctx: SearchContext;
let rooms: Map<number, RoomIdentity>;
let texts: Map<number, string>;

beforeAll(() => {
	temp = createTempDb();
	const db = temp.db;
	seedDemoFestival(db, {});
	const festival = findPublishedFestival(db)!;
	ctx = {
		db,
		engines: { primary: undefined, fallback: createFts5Index(db), timeoutMs: 0 },
		festival,
		ref: listReferenceData(db, festival),
		locale: 'zh-cn',
		// 20:00 in Guangzhou on the second day: the evening peak.
		now: new Date(`${listFestivalDays(festival)[1]}T12:00:00Z`),
	};
	rooms = listRoomIdentities(db, festival.id);
	texts = listRoomTexts(db, festival.id);
});

/** Live at the test's clock, or starting within the soon window (as the ranking counts it). */
function isOnAir(id: number): boolean {
	const attrs = getRoomAttributes(ctx.db);
	const now = ctx.now.getTime();
	const code = getPhaseCode(attrs, id, now);
	return code === 0 || (code === 1 && attrs.startAt[id]! - now <= SOON_WINDOW_MS);
}
afterAll(() => temp?.cleanup());

/** A query as the search page asks for it (no filters, page 1), with a page long enough to see every room found. */
async function searchAll(q: string): Promise<number[]> {
	const request = buildSearchRequest(ctx, { q, page: 1 });
	return searchFts5(ctx.db, { ...request, pageSize: 500 }).ids;
}

describe('search relevance set', () => {
	it('covers every kind of query issue 3 names, in the numbers it asks for', () => {
		const counts = new Map(RELEVANCE_KINDS.map((k) => [k, 0]));
		for (const c of cases) counts.set(c.kind, counts.get(c.kind)! + 1);
		const short = RELEVANCE_KINDS.filter((k) => counts.get(k)! < (MIN_PER_KIND[k] ?? 1));
		expect([cases.length >= MIN_CASES, short]).toEqual([true, []]);
	});

	it('has each query once and each expected room once per query', () => {
		const repeatedQueries = cases.map((c) => c.q).filter((q, i, all) => all.indexOf(q) !== i);
		const repeatedRooms = cases.filter((c) => {
			const keys = (c.expect ?? []).map((e) => `${e.title}\u0000${e.merchant}`);
			return new Set(keys).size !== keys.length;
		});
		expect([repeatedQueries, repeatedRooms.map((c) => c.q)]).toEqual([[], []]);
	});

	it('names only rooms that exist and are public in the demo festival', () => {
		const known = new Set([...rooms.values()].map((r) => `${r.title}\u0000${r.merchant}`));
		const unknown = cases.flatMap((c) =>
			(c.expect ?? [])
				.filter((e) => !known.has(`${e.title}\u0000${e.merchant}`))
				.map((e) => `${c.q}: ${e.title} / ${e.merchant ?? '—'}`),
		);
		expect(unknown).toEqual([]);
	});
});

describe('FTS5 relevance on the demo festival', () => {
	it('finds the expected rooms, shows relevant ones and leads with what is on', async () => {
		const report = await measureRelevance(cases, searchAll, rooms, texts, isOnAir);
		console.log(formatRelevanceReport(report, 'fts5'));
		const weakKinds = report.byKind
			.filter((k) => k.precision < REQUIRED_PRECISION_PER_KIND)
			.map((k) => `${k.kind} ${k.precision.toFixed(2)}`);
		expect({
			recall: report.recall >= REQUIRED_RECALL,
			precision: report.precision >= REQUIRED_PRECISION,
			weakKinds,
			onAirFirst: report.onAirFirst >= REQUIRED_ON_AIR_FIRST,
		}).toEqual({ recall: true, precision: true, weakKinds: [], onAirFirst: true });
	});
});
