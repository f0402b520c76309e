/** The Markdown of `npm run bench` (bench/run.ts) and where reports are written. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load';
import type { MissTiming } from './pages';

/** Issue 8's targets; the report marks them, nothing asserts them. */
export const PEAK_TARGETS = { minRatio: 0.5, maxP99Ms: 50, maxMissMedianMs: 25 };

export interface PagePeak {
	name: string;
	path: string;
	bodyKB: number;
	limit: LoadResult;
	portal: LoadResult;
	/** Portal requests/s over the limit's. */
	ratio: number;
	misses: MissTiming;
	/** Whether the cache-miss target (≤ 25 ms median) applies to this page. */
	missTargeted: boolean;
}

export interface PeakReport {
	when: string;
	machine: { cpus: number; node: string };
	busiestDay: { day: string; count: number };
	startup: { npmStartMs: number | null; npmStartNote: string | null; serveMjsMs: number };
	load: { connections: number; durationS: number; warmupS: number };
	missRequests: number;
	pages: PagePeak[];
	memory: { rssMB: number; peakRssMB: number } | null;
	frontEnd: { markdown: string; json: unknown } | { notMeasured: string } | null;
}

const mark = (ok: boolean): string => (ok ? '✅' : '❌');

/** ✅ when the page meets every load target: ratio, p99 and no errors. */
export function meetsLoadTargets(page: PagePeak): boolean {
	return (
		page.ratio >= PEAK_TARGETS.minRatio &&
		page.portal.p99Ms <= PEAK_TARGETS.maxP99Ms &&
		page.portal.errors === 0
	);
}

export function renderPeakReport(report: PeakReport): string {
	const { load, startup } = report;
	const lines = [
		`# livefest benchmark ${report.when}`,
		'',
		`${report.machine.cpus} CPUs, Node ${report.machine.node}. Demo festival, clock pinned to 20:00 Shanghai on its middle day; busiest day ${report.busiestDay.day} (${report.busiestDay.count} rooms).`,
		'',
		'## Start-up',
		'',
		`- \`npm start\` to the first response (seeded database): ${startup.npmStartMs === null ? `not measured: ${startup.npmStartNote}` : `**${startup.npmStartMs} ms**`}`,
		`- \`node dist-bench/serve.mjs\` to the first response: **${startup.serveMjsMs} ms**`,
		'',
		'## Peak throughput: portal against the limit',
		'',
		`autocannon, ${load.connections} connections, ${load.durationS} s after a ${load.warmupS} s warm-up, one server at a time, no Accept-Encoding (identity bodies). The limit is a bare node:http server replaying the portal's bytes for the URL (bench/peak/limit-server.ts). Targets: ratio ≥ ${PEAK_TARGETS.minRatio}, portal p99 ≤ ${PEAK_TARGETS.maxP99Ms} ms, 0 errors.`,
		'',
		'| page | body KB | limit req/s | limit p50 / p99 ms | portal req/s | portal p50 / p99 ms | ratio | errors (limit / portal) | target |',
		'|---|---|---|---|---|---|---|---|---|',
		...report.pages.map(
			(p) =>
				`| ${p.name} \`${p.path}\` | ${p.bodyKB} | ${p.limit.requestsPerSecond} | ${p.limit.p50Ms} / ${p.limit.p99Ms} | ${p.portal.requestsPerSecond} | ${p.portal.p50Ms} / ${p.portal.p99Ms} | ${p.ratio.toFixed(2)} | ${p.limit.errors} / ${p.portal.errors} | ${mark(meetsLoadTargets(p))} |`,
		),
		'',
		'## Cache-miss render time',
		'',
		`${report.missRequests} sequential requests per page with \`Cache-Control: no-cache\` (the serving layer renders instead of looking the page up). "app" is the middleware's \`Server-Timing: app;dur\`; the client time adds compression and the socket. Target: median ≤ ${PEAK_TARGETS.maxMissMedianMs} ms for the busiest schedule and the room page.`,
		'',
		'| page | client median ms | client p90 ms | app median ms | target |',
		'|---|---|---|---|---|',
		...report.pages.map(
			(p) =>
				`| ${p.name} | ${p.misses.clientMedianMs} | ${p.misses.clientP90Ms} | ${p.misses.appMedianMs} | ${p.missTargeted ? mark(p.misses.clientMedianMs <= PEAK_TARGETS.maxMissMedianMs) : '—'} |`,
		),
		'',
		'## Memory',
		'',
		report.memory
			? `Server RSS after the load: **${report.memory.rssMB} MB** (peak ${report.memory.peakRssMB} MB), \`node dist-bench/serve.mjs\` read from /proc.`
			: 'Server RSS: not measured (no /proc).',
		'',
		'## Front-end budgets',
		'',
		report.frontEnd === null
			? 'front-end budgets: not measured: skipped (--no-frontend)'
			: 'notMeasured' in report.frontEnd
				? `front-end budgets: not measured: ${report.frontEnd.notMeasured}`
				: report.frontEnd.markdown,
	];
	return lines.join('\n') + '\n';
}

/**
 * Writes `<dir>/<prefix><YYYY-MM-DD>.md` and `.json`; when a report of that day exists already,
 * the time of day is added to the name. Returns the Markdown file's path.
 */
export function writeDatedReport(
	dir: string,
	prefix: string,
	when: Date,
	markdown: string,
	json: unknown,
): string {
	mkdirSync(dir, { recursive: true });
	const iso = when.toISOString();
	let stem = `${prefix}${iso.slice(0, 10)}`;
	if (existsSync(path.join(dir, `${stem}.md`))) stem += `-${iso.slice(11, 19).replace(/:/g, '')}`;
	writeFileSync(path.join(dir, `${stem}.json`), JSON.stringify(json, null, '\t') + '\n');
	writeFileSync(path.join(dir, `${stem}.md`), markdown);
	return path.join(dir, `${stem}.md`);
}
