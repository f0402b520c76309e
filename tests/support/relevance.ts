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
const relevanceCase = z
	.object({
		q: z.string().min(1),
		kind: z.enum(RELEVANCE_KINDS),
		expect: z.array(identity.strict()).min(1).max(RELEVANCE_TOP_K),
	})
	.strict();
export type RelevanceCase = z.infer<typeof relevanceCase>;

export interface CaseResult {
	case: RelevanceCase;
	top: (RoomIdentity | undefined)[];
	missing: RoomIdentity[];
	/** Expected rooms found in the top 5 / min(expected, 5). */
	recall: number;
}

export interface RelevanceReport {
	/** Mean of the per-case recall@5. */
	recall: number;
	byKind: { kind: RelevanceKind; cases: number; recall: number }[];
	results: CaseResult[];
	misses: CaseResult[];
}

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
 * Runs every case through `search` (room ids, best first) and scores its top 5 against the
 * expected rooms. Queries run one after another so an engine's latency never interleaves.
 */
export async function measureRelevance(
	cases: readonly RelevanceCase[],
	search: (q: string) => Promise<number[]>,
	rooms: ReadonlyMap<number, RoomIdentity>,
): Promise<RelevanceReport> {
	const results: CaseResult[] = [];
	for (const c of cases) {
		const top = (await search(c.q)).slice(0, RELEVANCE_TOP_K).map((id) => rooms.get(id));
		const missing = c.expect.filter((e) => !top.some((t) => sameRoom(t, e)));
		const wanted = Math.min(c.expect.length, RELEVANCE_TOP_K);
		results.push({ case: c, top, missing, recall: (c.expect.length - missing.length) / wanted });
	}
	const byKind = RELEVANCE_KINDS.map((kind) => {
		const ofKind = results.filter((r) => r.case.kind === kind);
		return { kind, cases: ofKind.length, recall: mean(ofKind.map((r) => r.recall)) };
	}).filter((k) => k.cases > 0);
	return {
		recall: mean(results.map((r) => r.recall)),
		byKind,
		results,
		misses: results.filter((r) => r.missing.length > 0),
	};
}

const describeRoom = (r: RoomIdentity | undefined): string =>
	r === undefined ? '(not a public room)' : `${r.title} / ${r.merchant ?? '—'}`;

/** A plain-text summary for the test log: overall and per-kind recall, then every miss. */
export function formatRelevanceReport(report: RelevanceReport, engine: string): string {
	const lines = [
		`${engine} recall@${RELEVANCE_TOP_K} ${report.recall.toFixed(3)} over ${report.results.length} cases`,
		...report.byKind.map(
			(k) => `  ${k.kind.padEnd(17)} ${String(k.cases).padStart(3)} cases  ${k.recall.toFixed(3)}`,
		),
	];
	if (report.misses.length > 0) lines.push(`misses (${report.misses.length}):`);
	for (const miss of report.misses) {
		lines.push(
			`  [${miss.case.kind}] ${JSON.stringify(miss.case.q)} recall ${miss.recall.toFixed(2)}`,
			`    missing: ${miss.missing.map(describeRoom).join(' | ')}`,
			`    top ${RELEVANCE_TOP_K}: ${miss.top.map(describeRoom).join(' | ') || '(no results)'}`,
		);
	}
	return lines.join('\n');
}
