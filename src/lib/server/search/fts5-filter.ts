import { SOON_WINDOW_MS } from '../../shared/live-phase';
import { createEmptyFacets } from './facets';
import type { RankedMatches } from './fts5-rank';
import { getPhaseCode, type RoomAttributes } from './room-attributes';
import type { FacetCounts, SearchRequest } from './types';

const KINDS = ['merchant', 'showcase'] as const;
/** Phase facet buckets: a replay counts as ended, as the filter treats it. */
const PHASE_BUCKET = [0, 1, 2, 2];
const PHASE_FACETS = ['live', 'upcoming', 'ended'] as const;

/**
 * What is on comes first among rooms that match equally well: live, starting soon, later, a replay
 * to watch, ended (by phase code of room-attributes.ts: live, upcoming, ended, replay).
 */
function rankPhase(code: number, start: number, now: number): number {
	if (code === 0) return 0;
	if (code === 1) return start - now <= SOON_WINDOW_MS ? 1 : 2;
	return code === 3 ? 3 : 4;
}

/**
 * Rooms whose text matches alike — the same words in the same fields, so the same score (fts5-rank.ts
 * derives it from which fields hold each word) — are ordered by what is on. Scores are compared in
 * steps of 1/64 so that sums of the same parts in another order stay equal.
 */
const SCORE_STEPS = 64;
/*
 * The best live room (or, without one, the best starting soon) goes first when the query's words
 * are in its title, a name or a product (not only its description), and it matched as typed or
 * nothing did: what is on now is what a
 * citizen searching at 21:00 wants to see first, even above a stronger match that ended yesterday,
 * which follows it.
 */

export interface Pass {
	total: number;
	page: number[];
	facets: FacetCounts;
}

/**
 * One scan over the candidates: applies the filters, counts each facet with every other filter but
 * not its own, and keeps the best `page × pageSize` rooms without sorting the rest: rooms matching
 * every term first, those matching as typed before accent-merged ones, then by text relevance
 * (SCORE_STEPS), then what is on (live, starting soon, later, replay, ended), then time; the best
 * room on air goes first. Without a query (browsing), by start time.
 * `exactFull` counts rooms that passed the filters and match every term as typed.
 */
export function filterAndCount(
	a: RoomAttributes,
	request: SearchRequest,
	candidates: Int32Array,
	ranked: RankedMatches | null,
): Pass & { exactFull: number } {
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
	// One more than shown, in case the room put first is among them.
	const best = new TopK(limit + 1);
	let first: Ranked | null = null;
	let total = 0;
	let exactFull = 0;
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
		const code = getPhaseCode(a, id, now);
		const phase = PHASE_BUCKET[code]!;
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
		if (!ranked) {
			best.offer(id, 1, 0, 0, 0, start);
			continue;
		}
		const exact = full && ranked.exact[id] === 1 ? 1 : 0;
		exactFull += exact;
		const score = ranked.score[id]!;
		const step = exact * 1e9 + Math.round(score * SCORE_STEPS);
		const onAir = rankPhase(code, start, now);
		// Sooner first while it is to come or on; the latest first once it is over.
		const time = onAir <= 2 ? start : -start;
		best.offer(id, full ? 1 : 0, step, onAir, score, time);
		// As typed before accent-merged, then live before soon, then the better match.
		const onAirFirst = full && ranked.named[id] === 1 && onAir <= 1;
		if (onAirFirst && (!first || isBetter(id, 1, exact, onAir, score, time, first))) {
			first = { id, full: 1, step: exact, onAir, score, time };
		}
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
	const order = best.ids();
	// A room matched through an accent-merged spelling never goes above one matched as typed.
	if (first && (first.step === 1 || exactFull === 0)) {
		const at = order.indexOf(first.id);
		if (at >= 0) order.splice(at, 1);
		order.unshift(first.id);
	}
	const page = order.slice(0, limit).slice((request.page - 1) * request.pageSize);
	return { total, page, facets, exactFull };
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

	offer(id: number, full: number, step: number, onAir: number, score: number, time: number): void {
		const items = this.#items;
		const worst = items[items.length - 1];
		// Most candidates of a broad query lose to the worst kept: no object for them.
		if (items.length === this.limit && worst) {
			if (!isBetter(id, full, step, onAir, score, time, worst)) return;
		}
		let at = items.length;
		while (at > 0 && isBetter(id, full, step, onAir, score, time, items[at - 1]!)) at--;
		items.splice(at, 0, { id, full, step, onAir, score, time });
		if (items.length > this.limit) items.pop();
	}

	ids(): number[] {
		return this.#items.map((i) => i.id);
	}
}

interface Ranked {
	id: number;
	full: number;
	/** Matched as typed, then the score in steps. */
	step: number;
	onAir: number;
	score: number;
	time: number;
}

function isBetter(
	id: number,
	full: number,
	step: number,
	onAir: number,
	score: number,
	time: number,
	b: Ranked,
): boolean {
	if (full !== b.full) return full > b.full;
	if (step !== b.step) return step > b.step;
	if (onAir !== b.onAir) return onAir < b.onAir;
	if (score !== b.score) return score > b.score;
	if (time !== b.time) return time < b.time;
	return id < b.id;
}
