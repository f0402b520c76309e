import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { createEmptyFacets } from './facets';
import { rankMatches, type RankedMatches } from './fts5-rank';
import { rebuildSearchIndex } from './rebuild';
import { buildIndexInsertSql } from './sql-functions';
import {
	getPhaseCode,
	getRoomAttributes,
	loadRoomAttributes,
	type RoomAttributes,
} from './room-attributes';
import type { FacetCounts, SearchIndex, SearchRequest, SearchResult } from './types';

/**
 * The embedded engine: SQLite FTS5 in the portal's own database, kept in step by triggers in the
 * same transaction as every write (db/migrations/0002_room_search.sql). Searching reads posting
 * lists for matching and ranking and an in-memory copy of the rooms' attributes for filters, facets
 * and order.
 */
export function createFts5Index(db: Db): SearchIndex {
	const insertOne = db.$client.prepare(buildIndexInsertSql('room_fts', 'id = ?'));
	const reindexOne = (roomId: number) => {
		db.$client.transaction(() => {
			db.run(sql`DELETE FROM room_fts WHERE rowid = ${roomId}`);
			insertOne.run(roomId);
		})();
	};
	return {
		name: 'fts5',
		async search(request) {
			// The first search loads the room attributes in chunks, yielding between them.
			await loadRoomAttributes(db);
			return searchFts5(db, request);
		},
		async indexRoom(roomId) {
			reindexOne(roomId);
		},
		async removeRoom(roomId) {
			db.run(sql`DELETE FROM room_fts WHERE rowid = ${roomId}`);
		},
		async rebuild() {
			await rebuildSearchIndex(db);
		},
	};
}

const KINDS = ['merchant', 'showcase'] as const;
/** Phase facet buckets: a replay counts as ended, as the filter treats it. */
const PHASE_BUCKET = [0, 1, 2, 2];
const PHASE_FACETS = ['live', 'upcoming', 'ended'] as const;

/**
 * The synchronous core of the FTS5 search (also what the benchmark times in-process). Matching
 * comes from FTS5 posting lists (fts5-rank.ts), everything else from the in-memory room attributes
 * (room-attributes.ts), so a query never joins or builds an object per matching room. Rooms that
 * match every term come first; when they fill less than a page, rooms that match some of the terms
 * follow (`广州 dim sum` still finds dim sum outside the three rooms that also say 广州).
 */
export function searchFts5(db: Db, request: SearchRequest): SearchResult {
	const attrs = getRoomAttributes(db);
	const browsing = request.q.trim() === '';
	const size = attrs.festivalId.length;
	let ranked = browsing ? null : rankMatches(db.$client, request.q, size, attrs.count);
	// Text with nothing searchable in it (`*`, punctuation) finds nothing; an empty query browses.
	if (!browsing && !ranked) {
		return { engine: 'fts5', total: 0, ids: [], facets: createEmptyFacets() };
	}
	const all = attrs.idsByFestival.get(request.festivalId) ?? new Int32Array(0);
	let pass = filterAndCount(attrs, request, ranked ? ranked.ids : all, ranked);
	if (ranked && ranked.termCount > 1 && pass.total < request.pageSize) {
		ranked = rankMatches(db.$client, request.q, size, attrs.count, true)!;
		pass = filterAndCount(attrs, request, ranked.ids, ranked);
	}
	return { engine: 'fts5', total: pass.total, ids: pass.page, facets: pass.facets };
}

interface Pass {
	total: number;
	page: number[];
	facets: FacetCounts;
}

/**
 * One scan over the candidates: applies the filters, counts each facet with every other filter but
 * not its own, and keeps the best `page × pageSize` rooms (all-terms matches first, then score, then
 * the earlier start) without sorting the rest.
 */
function filterAndCount(
	a: RoomAttributes,
	request: SearchRequest,
	candidates: Int32Array,
	ranked: RankedMatches | null,
): Pass {
	const now = request.now.getTime();
	const { days, filters } = request;
	const wantDay = filters.day === undefined ? -1 : days.findIndex((d) => d.day === filters.day);
	const wantDistrict = findKey(request.districtCodes, filters.district);
	const wantCategory = findKey(request.categoryCodes, filters.category);
	const wantKind = filters.kind === undefined ? -1 : KINDS.indexOf(filters.kind);
	const wantPhase = filters.phase === undefined ? -1 : PHASE_FACETS.indexOf(filters.phase);
	const dayCounts = new Array<number>(days.length).fill(0);
	// District and category ids are small integers: count in arrays, not maps (this loop runs once
	// per matching room — 50,000 times for a broad query at 100,000 rooms).
	const districtCounts = new Int32Array(maxKey(request.districtCodes) + 1);
	const categoryCounts = new Int32Array(maxKey(request.categoryCodes) + 1);
	const kindCounts = [0, 0];
	const phaseCounts = [0, 0, 0];
	const limit = request.page * request.pageSize;
	const best = new TopK(limit);
	let total = 0;
	for (const id of candidates) {
		if (a.festivalId[id] !== request.festivalId) continue;
		const full = !ranked || ranked.full[id] === 1;
		const start = a.startAt[id]!;
		let day = -1;
		for (let i = 0; i < days.length; i++) {
			if (start >= days[i]!.start && start < days[i]!.end) {
				day = i;
				break;
			}
		}
		const district = a.districtId[id]!;
		const category = a.categoryId[id]!;
		const kind = a.kind[id]!;
		const phase = PHASE_BUCKET[getPhaseCode(a, id, now)]!;
		const misses =
			(wantDay >= 0 && day !== wantDay ? 1 : 0) |
			(wantDistrict >= 0 && district !== wantDistrict ? 2 : 0) |
			(wantCategory >= 0 && category !== wantCategory ? 4 : 0) |
			(wantKind >= 0 && kind !== wantKind ? 8 : 0) |
			(wantPhase >= 0 && phase !== wantPhase ? 16 : 0);
		// A room counts towards a facet when it passes every other filter.
		if ((misses & ~1) === 0 && day >= 0) dayCounts[day]! += 1;
		if ((misses & ~2) === 0 && district < districtCounts.length) districtCounts[district]! += 1;
		if ((misses & ~4) === 0 && category < categoryCounts.length) categoryCounts[category]! += 1;
		if ((misses & ~8) === 0) kindCounts[kind]! += 1;
		if ((misses & ~16) === 0) phaseCounts[phase]! += 1;
		if (misses !== 0) continue;
		total++;
		best.offer(id, full ? 1 : 0, ranked ? ranked.score[id]! : 0, start);
	}
	const facets = createEmptyFacets();
	days.forEach((d, i) => dayCounts[i] && (facets.day[d.day] = dayCounts[i]!));
	for (const [id, code] of request.districtCodes) {
		if (districtCounts[id]) facets.district[code] = districtCounts[id]!;
	}
	for (const [id, code] of request.categoryCodes) {
		if (categoryCounts[id]) facets.category[code] = categoryCounts[id]!;
	}
	KINDS.forEach((k, i) => kindCounts[i] && (facets.kind[k] = kindCounts[i]!));
	PHASE_FACETS.forEach((p, i) => phaseCounts[i] && (facets.phase[p] = phaseCounts[i]!));
	return { total, page: best.ids().slice((request.page - 1) * request.pageSize), facets };
}

function maxKey(codes: Map<number, string>): number {
	let max = 0;
	for (const id of codes.keys()) if (id > max) max = id;
	return max;
}

function findKey(codes: Map<number, string>, wanted: string | undefined): number {
	if (wanted === undefined) return -1;
	for (const [id, code] of codes) if (code === wanted) return id;
	return 0;
}

/** The best `limit` rooms seen so far, kept sorted; rejecting a worse room costs one comparison. */
class TopK {
	readonly #items: Ranked[] = [];
	constructor(readonly limit: number) {}

	offer(id: number, full: number, score: number, start: number): void {
		const items = this.#items;
		const worst = items[items.length - 1];
		if (items.length === this.limit && worst && !isBetter(id, full, score, start, worst)) return;
		let at = items.length;
		while (at > 0 && isBetter(id, full, score, start, items[at - 1]!)) at--;
		items.splice(at, 0, { id, full, score, start });
		if (items.length > this.limit) items.pop();
	}

	ids(): number[] {
		return this.#items.map((i) => i.id);
	}
}

interface Ranked {
	id: number;
	full: number;
	score: number;
	start: number;
}

/** All-terms matches first, then the higher score, then the earlier start, then the lower id. */
function isBetter(id: number, full: number, score: number, start: number, b: Ranked): boolean {
	if (full !== b.full) return full > b.full;
	if (score !== b.score) return score > b.score;
	if (start !== b.start) return start < b.start;
	return id < b.id;
}
