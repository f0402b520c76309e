import { sql } from 'drizzle-orm';
import type { LivePhase, RoomKind } from '../../shared/status';
import type { Db } from '../db';
import { getLivePhaseSql } from '../room/phase-sql';
import { applyFiltersAndCount, createEmptyFacets, type FacetRow } from './facets';
import { buildAnyMatchQuery, buildMatchQuery } from './match-query';
import { REBUILD_FTS_SQL } from './sql-functions';
import type { SearchIndex, SearchRequest, SearchResult } from './types';

/**
 * bm25 column weights in room_fts's column order: title, names (merchant, anchor, hosts), products,
 * description, then the pinyin of title and names weighted like the text they spell, so 女装 and
 * nvzhuang rank the same rooms first.
 */
const WEIGHTS = sql.raw('10.0, 5.0, 2.0, 1.0, 10.0, 5.0');

interface MatchRow {
	id: number;
	startAt: number;
	districtId: number;
	categoryId: number;
	kind: RoomKind;
	phase: LivePhase;
	score: number;
}

type Candidate = FacetRow & { id: number; tier: number; startAt: number; score: number };

/**
 * The embedded engine: SQLite FTS5 in the portal's own database, kept in step by triggers in the
 * same transaction as every write (db/migrations/0002_room_search.sql). A search is one statement
 * for all matches with their bm25 score and filter fields; filters, facets, ranking ties (earlier
 * start first) and paging are done on those rows in memory.
 */
export function createFts5Index(db: Db): SearchIndex {
	const reindexOne = (roomId: number) => {
		db.$client.transaction(() => {
			db.run(sql`DELETE FROM room_fts WHERE rowid = ${roomId}`);
			db.run(sql`INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
				SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text),
					lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
				FROM room_search_source WHERE id = ${roomId}`);
		})();
	};
	return {
		name: 'fts5',
		async search(request) {
			return searchFts5(db, request);
		},
		async indexRoom(roomId) {
			reindexOne(roomId);
		},
		async removeRoom(roomId) {
			db.run(sql`DELETE FROM room_fts WHERE rowid = ${roomId}`);
		},
		async rebuild() {
			db.$client.transaction(() => db.$client.exec(REBUILD_FTS_SQL))();
		},
	};
}

/**
 * The synchronous core of the FTS5 search (also what the benchmark times in-process). Rooms that
 * match every term come first; when they fill less than a page, rooms that match some of the terms
 * follow (`广州 dim sum` still finds dim sum outside the three rooms that also say 广州).
 */
export function searchFts5(db: Db, request: SearchRequest): SearchResult {
	const match = buildMatchQuery(request.q);
	const browsing = request.q.trim() === '';
	// Text with nothing searchable in it (`*`, punctuation) finds nothing; an empty query browses.
	if (!match && !browsing)
		return { engine: 'fts5', total: 0, ids: [], facets: createEmptyFacets() };
	let candidates = queryCandidates(db, request, match, 0);
	let result = applyFiltersAndCount(candidates, request.filters);
	const any = result.matches.length < request.pageSize ? buildAnyMatchQuery(request.q) : null;
	if (any) {
		const seen = new Set(candidates.map((c) => c.id));
		const partial = queryCandidates(db, request, any, 1).filter((c) => !seen.has(c.id));
		candidates = candidates.concat(partial);
		result = applyFiltersAndCount(candidates, request.filters);
	}
	const { matches, facets } = result;
	// All-terms matches before partial ones; bm25 is lower-is-better; then the earlier start.
	matches.sort(
		(a, b) => a.tier - b.tier || a.score - b.score || a.startAt - b.startAt || a.id - b.id,
	);
	const offset = (request.page - 1) * request.pageSize;
	return {
		engine: 'fts5',
		total: matches.length,
		ids: matches.slice(offset, offset + request.pageSize).map((m) => m.id),
		facets,
	};
}

/** Every public room of the festival matching an FTS5 expression (all of them when null). */
function queryCandidates(
	db: Db,
	request: SearchRequest,
	match: string | null,
	tier: number,
): Candidate[] {
	const phase = getLivePhaseSql(request.now);
	const rows = match
		? db.all<MatchRow>(sql`SELECT room.id AS id, room.start_at AS startAt,
				room.district_id AS districtId, room.category_id AS categoryId, room.kind AS kind,
				${phase} AS phase, bm25(room_fts, ${WEIGHTS}) AS score
			FROM room_fts JOIN room ON room.id = room_fts.rowid
			WHERE room_fts MATCH ${match} AND room.festival_id = ${request.festivalId}`)
		: db.all<MatchRow>(sql`SELECT room.id AS id, room.start_at AS startAt,
				room.district_id AS districtId, room.category_id AS categoryId, room.kind AS kind,
				${phase} AS phase, 0 AS score
			FROM room_search_source s JOIN room ON room.id = s.id
			WHERE s.festival_id = ${request.festivalId}`);
	return rows.map((r) => ({
		id: r.id,
		tier,
		startAt: r.startAt,
		score: r.score,
		day: request.days.find((d) => r.startAt >= d.start && r.startAt < d.end)?.day,
		district: request.districtCodes.get(r.districtId),
		category: request.categoryCodes.get(r.categoryId),
		kind: r.kind,
		phase: r.phase,
	}));
}
