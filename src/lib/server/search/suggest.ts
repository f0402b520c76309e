import type { Db } from '../db';
import { rankMatches } from './fts5-rank';
import { findRanges, highlightText } from './highlight';
import { listHighlightTerms, planQuery } from './match-query';
import { getRoomAttributes, loadRoomAttributes } from './room-attributes';

import type { SearchSuggestion, SuggestionKind } from '../../shared/search-types';

/** Rooms whose names are read for completions: the best matches, a few statements' worth. */
const ROOMS_READ = 40;
/** Completions offered at most. */
export const MAX_SUGGESTIONS = 8;
const KIND_ORDER: Record<SuggestionKind, number> = { title: 0, merchant: 1, product: 2 };

interface Named {
	id: number;
	title: string;
	titleEn: string | null;
	merchant: string | null;
	merchantEn: string | null;
	/** Product names, Chinese and English, joined by U+0001. */
	products: string | null;
}

/**
 * Completions of what a citizen is typing, from the index: the rooms that match it best (as the
 * search would find them, the last word a prefix, accent-merged pinyin when the spelling as typed
 * finds little), then the titles (from the match on), merchant names and product names of those
 * rooms, in either language, in which the query's words or their pinyin appear (`xiangy` →
 * 香云纱旗袍专场, 步步香云纱). Those whose match starts the name come first, then those more rooms
 * share, titles before merchants before products. Reads the names of 40 rooms by id.
 */
export async function suggestCompletions(
	db: Db,
	festivalId: number,
	q: string,
): Promise<SearchSuggestion[]> {
	const terms = planQuery(q);
	if (terms.length === 0) return [];
	await loadRoomAttributes(db);
	const attrs = getRoomAttributes(db);
	const size = attrs.festivalId.length;
	const ranked = rankMatches(db.$client, terms, size, attrs.count, {
		accent: true,
		partial: false,
	});
	// The best ROOMS_READ by score (ties: the lower id), without sorting every match.
	const byScore = (a: number, b: number): number => ranked.score[b]! - ranked.score[a]! || a - b;
	let best: number[] = [];
	let floor = -1;
	for (const id of ranked.ids) {
		if (attrs.festivalId[id] !== festivalId || ranked.score[id]! <= floor) continue;
		best.push(id);
		if (best.length >= ROOMS_READ * 4) {
			best = best.sort(byScore).slice(0, ROOMS_READ);
			floor = ranked.score[best.at(-1)!]!;
		}
	}
	const rooms = readNames(db, best.sort(byScore).slice(0, ROOMS_READ));
	const highlight = listHighlightTerms(q);
	const found = new Map<string, { kind: SuggestionKind; rooms: number; starts: boolean }>();
	const add = (text: string, kind: SuggestionKind, starts: boolean): void => {
		const seen = found.get(text);
		if (seen) seen.rooms += 1;
		else found.set(text, { kind, rooms: 1, starts });
	};
	const offer = (text: string | null, kind: SuggestionKind): void => {
		if (!text) return;
		const range = findRanges(text, highlight)[0];
		if (!range) return;
		if (kind !== 'title') return add(text, kind, range[0] === 0);
		// Titles repeat a pattern across merchants (步步香云纱旗袍专场, 花城香云纱旗袍专场): offer the
		// title from the match on, which they share.
		const rest = text.slice(range[0]).trim();
		if ([...rest].length >= 2) add(rest, kind, true);
	};
	for (const room of rooms) {
		for (const title of [room.title, room.titleEn]) offer(title, 'title');
		for (const merchant of [room.merchant, room.merchantEn]) offer(merchant, 'merchant');
		for (const product of room.products?.split('\u0001') ?? []) offer(product, 'product');
	}
	return [...found.entries()]
		.sort(
			([a, x], [b, y]) =>
				Number(y.starts) - Number(x.starts) ||
				y.rooms - x.rooms ||
				KIND_ORDER[x.kind] - KIND_ORDER[y.kind] ||
				a.length - b.length ||
				a.localeCompare(b),
		)
		.slice(0, MAX_SUGGESTIONS)
		.map(([text, { kind }]) => ({ text, kind, html: highlightText(text, highlight) }));
}

/** The names of rooms by id, in both languages: title, merchant, products. */
function readNames(db: Db, ids: number[]): Named[] {
	if (ids.length === 0) return [];
	return db.$client
		.prepare(
			`SELECT r.id, r.title, r.title_en AS titleEn, m.name_zh AS merchant, m.name_en AS merchantEn,
				(SELECT group_concat(p.name || coalesce(char(1) || p.name_en, ''), char(1))
					FROM room_product p WHERE p.room_id = r.id) AS products
			FROM room r LEFT JOIN merchant m ON m.id = r.merchant_id
			WHERE r.id IN (SELECT value FROM json_each(?))`,
		)
		.all(JSON.stringify(ids)) as Named[];
}
