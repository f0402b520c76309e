import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { merchant, room } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import { getPublicRoomCondition } from '../../src/lib/server/room/visibility';

/**
 * The search relevance set (tests/fixtures/search-relevance.json) and its runner. The runner takes
 * any search function, so the same judgements measure the embedded FTS5 engine and Meilisearch.
 */

/** How many results a citizen looks at: an expected room counts only if it is in the top 5. */
export const RELEVANCE_TOP_K = 5;

/** The kinds of query the set covers (issue 3, item 5), in the order reports list them. */
export const RELEVANCE_KINDS = [
	'two-char',
	'single-char',
	'four-char-phrase',
	'inside-word',
	'pinyin-full',
	'pinyin-initials',
	'english',
	'mixed',
	'merchant-name',
	'anchor-name',
	'host-name',
	'product',
	'traditional',
	'pinyin-accent',
	'homophone',
	'pinyin-product',
	'pinyin-merchant',
] as const;
export type RelevanceKind = (typeof RELEVANCE_KINDS)[number];

/**
 * A room as a person names it: exact title and merchant display name (Chinese), null for a
 * showcase room no merchant carries. Rooms sharing both are interchangeable.
 */
export interface RoomIdentity {
	title: string;
	merchant: string | null;
}

const identity = z.object({ title: z.string().min(1), merchant: z.string().min(1).nullable() });
/**
 * A case: the query, its kind, the rooms a person judged the best answers (`expect`, up to 5, when
 * so few stand out), and what makes any answer relevant (`relevant`: words in Simplified Chinese, or
 * Latin, lower case; `a+b` needs both) found in its title, merchant, anchor, hosts or products.
 */
const relevanceCase = z
	.object({
		q: z.string().min(1),
		kind: z.enum(RELEVANCE_KINDS),
		expect: z.array(identity.strict()).min(1).max(RELEVANCE_TOP_K).optional(),
		relevant: z.array(z.string().min(1)).min(1),
	})
	.strict();
export type RelevanceCase = z.infer<typeof relevanceCase>;

export interface CaseResult {
	case: RelevanceCase;
	top: (RoomIdentity | undefined)[];
	missing: RoomIdentity[];
	/** Expected rooms found in the top 5 / min(expected, 5); null without expected rooms. */
	recall: number | null;
	/** Relevant rooms among the top 5 / the rooms shown there (0 when none is shown). */
	precision: number;
	/** Whether any room found is live or starting soon, and whether the first one is. */
	onAirFound: boolean;
	onAirFirst: boolean;
}

interface Scores {
	/** Mean of the per-case recall@5, over cases with expected rooms (NaN without any). */
	recall: number;
	/** Mean of the per-case precision@5. */
	precision: number;
	/** Of the cases whose rooms found include one live or starting soon: the share it leads. */
	onAirFirst: number;
	onAirCases: number;
}

export interface RelevanceReport extends Scores {
	byKind: ({ kind: RelevanceKind; cases: number } & Scores)[];
	results: CaseResult[];
	misses: CaseResult[];
}

/** What a search answers for the measure: room ids, best first, as many as it finds (or 500). */
export type RelevanceSearch = (q: string) => Promise<number[]>;

const FIXTURE = new URL('../fixtures/search-relevance.json', import.meta.url);

/** The committed cases, parsed strictly so a malformed entry fails loudly instead of scoring 0. */
export function loadRelevanceCases(): RelevanceCase[] {
	return z.array(relevanceCase).parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
}

/** Every public room of the festival by id, named as the set names rooms. */
export function listRoomIdentities(db: Db, festivalId: number): Map<number, RoomIdentity> {
	const rows = db
		.select({ id: room.id, title: room.title, merchant: merchant.nameZh })
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.where(getPublicRoomCondition(festivalId))
		.all();
	return new Map(rows.map((r) => [r.id, { title: r.title, merchant: r.merchant }]));
}

const sameRoom = (a: RoomIdentity | undefined, b: RoomIdentity): boolean =>
	a !== undefined && a.title === b.title && a.merchant === b.merchant;

const mean = (values: number[]): number =>
	values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * Every public room's text as `relevant` words are looked for in it (lower case): what its card and
 * page show — title, merchant, anchor, hosts and their offices, district, products — but not the
 * description.
 */
export function listRoomTexts(db: Db, festivalId: number): Map<number, string> {
	const rows = db.$client
		.prepare(
			`SELECT r.id, lower(r.title || ' ' || coalesce(r.title_en, '') || ' ' ||
				coalesce(m.name_zh, '') || ' ' || coalesce(m.name_en, '') || ' ' || r.anchor_name || ' ' ||
				coalesce((SELECT group_concat(h.name || ' ' || coalesce(h.name_en, '') || ' ' || h.title ||
					' ' || coalesce(h.title_en, ''), ' ') FROM showcase_host h WHERE h.room_id = r.id), '') ||
				' ' || d.name_zh || ' ' || d.name_en || ' ' ||
				coalesce((SELECT group_concat(p.name || ' ' || coalesce(p.name_en, ''), ' ')
					FROM room_product p WHERE p.room_id = r.id), '')) AS text
			FROM room r JOIN district d ON d.id = r.district_id LEFT JOIN merchant m ON m.id = r.merchant_id
			WHERE r.festival_id = ? AND r.is_public = 1`,
		)
		.all(festivalId) as { id: number; text: string }[];
	return new Map(rows.map((r) => [r.id, r.text]));
}

function isRelevant(text: string | undefined, relevant: readonly string[]): boolean {
	if (text === undefined) return false;
	return relevant.some((words) =>
		words.split('+').every((word) => text.includes(word.toLowerCase())),
	);
}

function score(results: CaseResult[]): Scores {
	const judged = results.filter((r) => r.recall !== null);
	const onAir = results.filter((r) => r.onAirFound);
	return {
		recall: judged.length === 0 ? Number.NaN : mean(judged.map((r) => r.recall!)),
		precision: mean(results.map((r) => r.precision)),
		onAirFirst: onAir.length === 0 ? 1 : onAir.filter((r) => r.onAirFirst).length / onAir.length,
		onAirCases: onAir.length,
	};
}

/**
 * Runs every case through `search` and scores it: its top 5 against the expected rooms (recall)
 * and against the `relevant` words (precision), and whether a room on air leads when one was
 * found (`isOnAir`: live, or starting within the soon window). Queries run one after another so
 * an engine's latency never interleaves.
 */
export async function measureRelevance(
	cases: readonly RelevanceCase[],
	search: RelevanceSearch,
	rooms: ReadonlyMap<number, RoomIdentity>,
	texts: ReadonlyMap<number, string>,
	isOnAir: (id: number) => boolean,
): Promise<RelevanceReport> {
	const results: CaseResult[] = [];
	for (const c of cases) {
		const found = await search(c.q);
		const shown = found.slice(0, RELEVANCE_TOP_K);
		const top = shown.map((id) => rooms.get(id));
		const expect = c.expect ?? [];
		const missing = expect.filter((e) => !top.some((t) => sameRoom(t, e)));
		const wanted = Math.min(expect.length, RELEVANCE_TOP_K);
		const relevantShown = shown.filter((id) => isRelevant(texts.get(id), c.relevant)).length;
		results.push({
			case: c,
			top,
			missing,
			recall: wanted === 0 ? null : (expect.length - missing.length) / wanted,
			precision: shown.length === 0 ? 0 : relevantShown / shown.length,
			onAirFound: found.some(isOnAir),
			onAirFirst: found.length > 0 && isOnAir(found[0]!),
		});
	}
	const byKind = RELEVANCE_KINDS.map((kind) => {
		const ofKind = results.filter((r) => r.case.kind === kind);
		return { kind, cases: ofKind.length, ...score(ofKind) };
	}).filter((k) => k.cases > 0);
	return {
		...score(results),
		byKind,
		results,
		misses: results.filter(
			(r) => r.missing.length > 0 || r.precision < 1 || (r.onAirFound && !r.onAirFirst),
		),
	};
}

const describeRoom = (r: RoomIdentity | undefined): string =>
	r === undefined ? '(not a public room)' : `${r.title} / ${r.merchant ?? '—'}`;

/** A plain-text summary for the test log: overall and per-kind figures, then every shortfall. */
export function formatRelevanceReport(report: RelevanceReport, engine: string): string {
	const figures = (s: Scores): string =>
		`recall@${RELEVANCE_TOP_K} ${Number.isNaN(s.recall) ? '  –  ' : s.recall.toFixed(3)}  precision@${RELEVANCE_TOP_K} ` +
		`${s.precision.toFixed(3)}  on air first ${s.onAirFirst.toFixed(3)} of ${s.onAirCases}`;
	const lines = [
		`${engine} over ${report.results.length} cases: ${figures(report)}`,
		...report.byKind.map(
			(k) => `  ${k.kind.padEnd(17)} ${String(k.cases).padStart(3)} cases  ${figures(k)}`,
		),
	];
	if (report.misses.length > 0) lines.push(`shortfalls (${report.misses.length}):`);
	for (const miss of report.misses) {
		const recall = miss.recall === null ? '–' : miss.recall.toFixed(2);
		lines.push(
			`  [${miss.case.kind}] ${JSON.stringify(miss.case.q)} recall ${recall} precision ` +
				`${miss.precision.toFixed(2)}${miss.onAirFound && !miss.onAirFirst ? ' (on air not first)' : ''}`,
			...(miss.missing.length > 0
				? [`    missing: ${miss.missing.map(describeRoom).join(' | ')}`]
				: []),
			`    top ${RELEVANCE_TOP_K}: ${miss.top.map(describeRoom).join(' | ') || '(no results)'}`,
		);
	}
	return lines.join('\n');
}
