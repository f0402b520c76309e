import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { createEmptyFacets } from './facets';
import { filterAndCount } from './fts5-filter';
import { rankMatches, type RankOptions } from './fts5-rank';
import { INDEX_TABLES } from './index-schema';
import { planQuery, planSoundQuery, type QueryTerm } from './match-query';
import { rebuildSearchIndex } from './rebuild';
import { getRoomAttributes, loadRoomAttributes } from './room-attributes';
import type { SearchIndex, SearchRequest, SearchResult } from './types';
import { keepMembers, readVenueMembers } from './venue-members';

/**
 * The embedded engine: SQLite FTS5 in the portal's own database, kept in step by triggers in the
 * same transaction as every write (db/migrations/0016_search_by_script.sql). Searching reads
 * posting lists for matching and ranking and an in-memory copy of the rooms' attributes for
 * filters, facets and order.
 */
export function createFts5Index(db: Db): SearchIndex {
	return {
		name: 'fts5',
		async search(request) {
			// The first search loads the room attributes in chunks, yielding between them.
			await loadRoomAttributes(db);
			return searchFts5(db, request);
		},
		async indexRoom(roomId) {
			// The triggers' own statement: replaces the room's rows, or removes them if not public.
			db.run(sql`INSERT INTO search_reindex(room_id) VALUES (${roomId})`);
		},
		async removeRoom(roomId) {
			db.$client.transaction(() => {
				for (const { name } of INDEX_TABLES) {
					db.$client.prepare(`DELETE FROM ${name} WHERE rowid = ?`).run(roomId);
				}
			})();
		},
		async rebuild() {
			await rebuildSearchIndex(db);
		},
	};
}

/** Fewer rooms than this matching as typed (after filters), and accent-merged spellings join in. */
const FEW = 5;

/**
 * The synchronous core of the FTS5 search (also what the benchmark times in-process). Matching
 * comes from FTS5 posting lists (fts5-rank.ts), everything else from the in-memory room attributes
 * (room-attributes.ts), so a query never joins or builds an object per matching room. In turn,
 * while what was found is too little: rooms matching every term as typed; then also through
 * accent-merged pinyin (`souji` finds 手机, ranked below what matched as typed); then, for a
 * Chinese query that found nothing, the query as heard (旗泡 → qipao finds 旗袍, and the result
 * says so); then rooms that match some of the terms (`广州 dim sum` still finds dim sum outside the
 * three rooms that also say 广州).
 */
export function searchFts5(db: Db, request: SearchRequest): SearchResult {
	const attrs = getRoomAttributes(db);
	const all = attrs.idsByFestival.get(request.festivalId) ?? new Int32Array(0);
	const venueId = request.filters.venueId;
	const members =
		venueId === undefined ? null : readVenueMembers(db, venueId, attrs.festivalId.length);
	const only = (ids: Int32Array) => (members ? keepMembers(ids, members) : ids);
	if (request.q.trim() === '') {
		const pass = filterAndCount(attrs, request, only(all), null);
		return { engine: 'fts5', total: pass.total, ids: pass.page, facets: pass.facets };
	}
	let terms = planQuery(request.q);
	// Text with nothing searchable in it (`*`, punctuation) finds nothing.
	if (terms.length === 0) return { engine: 'fts5', total: 0, ids: [], facets: createEmptyFacets() };
	const size = attrs.festivalId.length;
	const pass = (list: QueryTerm[], options: RankOptions) => {
		const ranked = rankMatches(db.$client, list, size, attrs.count, options);
		return filterAndCount(attrs, request, only(ranked.ids), ranked);
	};
	const options: RankOptions = { accent: false, partial: false };
	let found = pass(terms, options);
	if (found.exactFull < FEW && terms.some((t) => t.accent.length > 0)) {
		options.accent = true;
		found = pass(terms, options);
	}
	let heard: string | undefined;
	if (found.total === 0) {
		const sound = planSoundQuery(request.q);
		const byEar = sound ? pass(sound.terms, options) : null;
		if (sound && byEar && byEar.total > 0) {
			terms = sound.terms;
			found = byEar;
			heard = sound.spelt.join(' ');
		}
	}
	if (terms.length > 1 && found.total < request.pageSize) {
		found = pass(terms, { ...options, partial: true });
	}
	return { engine: 'fts5', total: found.total, ids: found.page, facets: found.facets, heard };
}
