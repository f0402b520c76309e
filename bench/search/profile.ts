/**
 * Where a slow search spends its time. `searchFts5` is one SQL statement (FTS5 MATCH, bm25, the
 * join to `room` and the live-phase expression) followed by JavaScript (candidate objects, facets,
 * sort, page). This replays the very statement it sends (captured from better-sqlite3, so the
 * profile follows fts5.ts as it changes) and cheaper variants of it, and times each:
 *   match      FTS5 alone: `count(*) … MATCH` (posting lists, no per-row work);
 *   ids        MATCH returning every rowid to JavaScript (no bm25, no join);
 *   bm25       MATCH with bm25 for every match, rows fetched as arrays;
 *   join       MATCH joined to `room` by rowid, the filter fields, no bm25, no phase;
 *   joinBm25   the join with bm25, still no phase;
 *   exactRaw   the captured statement (join, bm25, live phase) with rows as arrays;
 *   statement  the captured statement as searchFts5 runs it (prepared per call, rows as objects);
 *   top20      MATCH ordered by bm25 LIMIT 20 in SQL (what a SQL-side page would cost);
 *   columnIds  the rowids of each of the six columns separately (`{title} : (…)` and so on),
 *              what scoring in JavaScript from per-column hits would read instead of bm25;
 *   total      searchFts5 itself; js = total − statement − tokenize (objects, facets, sort).
 * Each figure is the median of a few runs.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../../src/lib/server/db';
import { searchFts5 } from '../../src/lib/server/search/fts5';
import { buildMatchQuery } from '../../src/lib/server/search/match-query';
import type { SearchRequest } from '../../src/lib/server/search/types';
import { roundMs, takeMedian } from './stats';

export interface QueryProfile {
	q: string;
	match: string | null;
	/** Rows the statement returns (matches in the festival) and the page's total after filters. */
	rows: number;
	total: number;
	tokenizeMs: number;
	matchMs: number;
	idsMs: number;
	bm25Ms: number;
	joinMs: number;
	joinBm25Ms: number;
	exactRawMs: number;
	statementMs: number;
	top20Ms: number;
	columnIdsMs: number;
	totalMs: number;
	jsMs: number;
	/** SQLite's plan for the captured statement, one line per step. */
	plan: string[];
}

interface Captured {
	sql: string;
	params: unknown[];
}

/** Runs `work` with `prepare` wrapped, returning the last statement that used room_fts MATCH. */
function captureMatchStatement(sqlite: Database.Database, work: () => void): Captured | null {
	const original = sqlite.prepare;
	let captured: Captured | null = null;
	const wrapped = function (this: Database.Database, source: string) {
		const stmt = original.call(this, source);
		if (!source.includes('room_fts MATCH')) return stmt;
		const all = stmt.all.bind(stmt) as (...params: unknown[]) => unknown[];
		Object.assign(stmt, {
			all: (...params: unknown[]) => {
				captured = { sql: source, params };
				return all(...params);
			},
		});
		return stmt;
	};
	sqlite.prepare = wrapped as typeof sqlite.prepare;
	try {
		work();
	} finally {
		sqlite.prepare = original;
	}
	return captured;
}

/** Median wall time of `runs` calls of `work`. */
function timeMedian(runs: number, work: () => unknown): number {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		work();
		samples.push(performance.now() - t0);
	}
	return roundMs(takeMedian(samples));
}

/** Splits one query's search time into its stages (see the module comment). */
export function profileQuery(db: Db, request: SearchRequest, runs = 5): QueryProfile {
	const sqlite = db.$client;
	const match = buildMatchQuery(request.q);
	let total = 0;
	const captured = captureMatchStatement(sqlite, () => {
		total = searchFts5(db, request).total;
	});
	const totalMs = timeMedian(runs, () => searchFts5(db, request));
	const tokenizeMs = timeMedian(runs, () => buildMatchQuery(request.q));
	if (!match || !captured) {
		return {
			q: request.q,
			match,
			rows: 0,
			total,
			tokenizeMs,
			matchMs: 0,
			idsMs: 0,
			bm25Ms: 0,
			joinMs: 0,
			joinBm25Ms: 0,
			exactRawMs: 0,
			statementMs: 0,
			top20Ms: 0,
			columnIdsMs: 0,
			totalMs,
			jsMs: roundMs(totalMs - tokenizeMs),
			plan: [],
		};
	}
	const { sql, params } = captured;
	const weights = /bm25\(room_fts,\s*([^)]*)\)/.exec(sql)?.[1] ?? '';
	const bm25 = weights ? `bm25(room_fts, ${weights})` : 'bm25(room_fts)';
	const statement = sqlite.prepare(sql);
	const rows = statement.all(...params).length;
	const matchStmt = sqlite.prepare('SELECT count(*) FROM room_fts WHERE room_fts MATCH ?').pluck();
	const bm25Stmt = sqlite
		.prepare(`SELECT rowid, ${bm25} FROM room_fts WHERE room_fts MATCH ?`)
		.raw();
	const idsStmt = sqlite.prepare('SELECT rowid FROM room_fts WHERE room_fts MATCH ?').pluck();
	const joinSql = (score: string) =>
		`SELECT room.id, room.start_at, room.district_id, room.category_id, room.kind${score}
		FROM room_fts JOIN room ON room.id = room_fts.rowid
		WHERE room_fts MATCH ? AND room.festival_id = ?`;
	const joinStmt = sqlite.prepare(joinSql('')).raw();
	const joinBm25Stmt = sqlite.prepare(joinSql(`, ${bm25}`)).raw();
	const exactRawStmt = sqlite.prepare(sql).raw();
	const columns = ['title', 'names', 'products', 'description', 'title_pinyin', 'names_pinyin'];
	const columnStmt = sqlite.prepare('SELECT rowid FROM room_fts WHERE room_fts MATCH ?').pluck();
	const top20Stmt = sqlite
		.prepare(`SELECT rowid FROM room_fts WHERE room_fts MATCH ? ORDER BY ${bm25} LIMIT 20`)
		.pluck();
	const matchMs = timeMedian(runs, () => matchStmt.get(match));
	const idsMs = timeMedian(runs, () => idsStmt.all(match));
	const bm25Ms = timeMedian(runs, () => bm25Stmt.all(match));
	const joinMs = timeMedian(runs, () => joinStmt.all(match, request.festivalId));
	const joinBm25Ms = timeMedian(runs, () => joinBm25Stmt.all(match, request.festivalId));
	const exactRawMs = timeMedian(runs, () => exactRawStmt.all(...params));
	const statementMs = timeMedian(runs, () => sqlite.prepare(sql).all(...params));
	const top20Ms = timeMedian(runs, () => top20Stmt.all(match));
	const columnIdsMs = timeMedian(runs, () =>
		columns.map((column) => columnStmt.all(`{${column}} : (${match})`)),
	);
	const plan = (
		sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
	).map((step) => step.detail);
	return {
		q: request.q,
		match,
		rows,
		total,
		tokenizeMs,
		matchMs,
		idsMs,
		bm25Ms,
		joinMs,
		joinBm25Ms,
		exactRawMs,
		statementMs,
		top20Ms,
		columnIdsMs,
		totalMs,
		jsMs: roundMs(Math.max(0, totalMs - statementMs - tokenizeMs)),
		plan,
	};
}
