/**
 * The search benchmark's report: one JSON object with every figure, and the Markdown a note quotes.
 * Targets are stated next to the figures; nothing here passes or fails a build.
 */
import type { HttpResult } from './http';
import type { LatencyPass } from './latency';
import type { QueryProfile } from './profile';

export const TARGET_P95_MS = 5;
export const TARGET_P95_ROOMS = 100_000;
export const TARGET_RPS = 1000;

export interface SizeReport {
	/** The size asked for, and the public rooms the index actually holds. */
	label: string;
	rooms: number;
	merchants: number;
	products: number;
	load: {
		/** How the rows came to be: the demo seed, or generated on top of the previous size. */
		source: string;
		totalMs: number;
		generateInsertMs: number;
		deferredRebuildMs: number;
	};
	/** A full `createFts5Index(db).rebuild()` on its own. */
	rebuildMs: number;
	dbMB: number;
	ftsMB: number | null;
	passes: LatencyPass[];
	profiles: QueryProfile[];
	http: HttpResult | { skipped: string } | null;
}

export interface SearchBenchReport {
	when: string;
	machine: {
		cpus: number;
		cpuModel: string;
		node: string;
		sqlite: string;
		commit: string;
		/** 1-minute load average when the run started and ended: other work on the machine skews figures. */
		load: [number, number];
	};
	now: string;
	queries: number;
	sizes: SizeReport[];
	notes: string[];
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const ms = (n: number): string => (Number.isFinite(n) ? String(n) : '–');
const sec = (n: number): string => `${(n / 1000).toFixed(1)} s`;

/** Renders the report as Markdown tables, largest questions first. */
export function renderSearchReport(report: SearchBenchReport): string {
	const lines: string[] = [];
	const push = (...more: string[]) => lines.push(...more);
	const m = report.machine;
	push(
		`# livefest search benchmark ${report.when}`,
		'',
		`${m.cpus} × ${m.cpuModel}, Node ${m.node}, SQLite ${m.sqlite}, commit ${m.commit}. ` +
			`Clock pinned to ${report.now} (the demo festival's middle day, 20:00 Shanghai). ` +
			`${report.queries} fixed queries (bench/search/queries.ts). ` +
			`Load average ${m.load[0]} at the start, ${m.load[1]} at the end.`,
		'',
		`Targets (issue 3): p95 ≤ ${TARGET_P95_MS} ms at ${fmt(TARGET_P95_ROOMS)} rooms in-process; ` +
			`≥ ${fmt(TARGET_RPS)} req/s on \`/api/search\` with 50 connections.`,
		'',
		'## In-process FTS5 query latency (`searchFts5`, page 1 of 20)',
		'',
		'| rooms | filter | samples | p50 ms | p95 ms | p99 ms | max ms | mean ms | no-hit queries |',
		'|---:|---|---:|---:|---:|---:|---:|---:|---:|',
	);
	for (const size of report.sizes) {
		for (const pass of size.passes) {
			const s = pass.summary;
			const flag =
				size.rooms >= TARGET_P95_ROOMS * 0.99 && pass.label === 'none'
					? s.p95 <= TARGET_P95_MS
						? ' ✅'
						: ' ❌'
					: '';
			push(
				`| ${fmt(size.rooms)} | ${pass.label} | ${fmt(s.samples)} | ${ms(s.p50)} | **${ms(s.p95)}**${flag} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.mean)} | ${pass.emptyQueries} |`,
			);
		}
	}
	const rounds = report.sizes[0]?.passes[0]?.rounds ?? 0;
	push(
		'',
		`Each query ${rounds} times after a warm-up round; percentiles over all samples (nearest rank).`,
		'',
		'### p50 / p95 ms by kind of query (no filter)',
		'',
		`| kind | ${report.sizes.map((s) => fmt(s.rooms)).join(' | ')} |`,
		`|---|${report.sizes.map(() => '---:').join('|')}|`,
	);
	const kinds = Object.keys(report.sizes[0]?.passes[0]?.byKind ?? {});
	for (const kind of kinds) {
		const cells = report.sizes.map((size) => {
			const s = size.passes[0]?.byKind[kind];
			return s ? `${ms(s.p50)} / ${ms(s.p95)}` : '–';
		});
		push(`| ${kind} | ${cells.join(' | ')} |`);
	}
	push(
		'',
		'### Slowest 5 queries (no filter; median of the rounds)',
		'',
		'| rooms | query | kind | median ms | hits |',
		'|---:|---|---|---:|---:|',
	);
	for (const size of report.sizes) {
		for (const q of size.passes[0]?.slowest ?? []) {
			push(`| ${fmt(size.rooms)} | \`${q.q}\` | ${q.kind} | ${ms(q.medianMs)} | ${fmt(q.total)} |`);
		}
	}
	push(
		'',
		'## Index build',
		'',
		'| rooms | merchants | products | rows from | load total | generate + insert | deferred rebuild + outbox | full rebuild | DB MB | FTS5 MB |',
		'|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|',
	);
	for (const size of report.sizes) {
		push(
			`| ${fmt(size.rooms)} | ${fmt(size.merchants)} | ${fmt(size.products)} | ${size.load.source} | ${sec(size.load.totalMs)} | ${sec(size.load.generateInsertMs)} | ${sec(size.load.deferredRebuildMs)} | **${sec(size.rebuildMs)}** | ${size.dbMB} | ${size.ftsMB ?? '–'} |`,
		);
	}
	push(
		'',
		'"Full rebuild" is `createFts5Index(db).rebuild()` on its own: `rebuildSearchIndex` (rooms tokenised in worker threads into a stage file, merged there, then copied in and swapped for room_fts in short transactions beside a live server). "Deferred rebuild + outbox" is the same rebuild plus queueing every room for Meilisearch, as `withSearchDeferred` runs it at the end of the bulk load.',
	);
	const profiled = report.sizes.filter((s) => s.profiles.length > 0);
	const last = profiled[profiled.length - 1];
	if (last) {
		push(
			'',
			`## Where the time goes: slowest queries at ${fmt(last.rooms)} rooms`,
			'',
			"Median ms of 5 runs per stage, posting lists in memory (bench/search/profile.ts). **plan** = the query's terms; **rank** = posting lists intersected and scored, with tiers; **filter** = one pass over the candidates (filters, facets, phase, the page); **total** = `searchFts5`, which repeats rank and filter when the first pass finds little (accent-merged spellings, the query as heard, partial matches).",
			'',
			'| query | matches | total | plan | rank | filter | total ms |',
			'|---|---:|---:|---:|---:|---:|---:|',
		);
		for (const p of last.profiles) {
			push(
				`| \`${p.q}\` | ${fmt(p.matches)} | ${fmt(p.total)} | ${ms(p.planMs)} | ${ms(p.rankMs)} | ${ms(p.filterMs)} | **${ms(p.totalMs)}** |`,
			);
		}
	}
	push(
		'',
		'## HTTP `/api/search` (built server, FTS5)',
		'',
		'| rooms | connections | seconds | requests | req/s | p50 ms | p99 ms | max ms | non-2xx | errors | KB/response | engine |',
		'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
	);
	for (const size of report.sizes) {
		const h = size.http;
		if (!h) continue;
		if ('skipped' in h) {
			push(
				`| ${fmt(size.rooms)} | – | – | – | skipped: ${h.skipped.split('\n')[0]} | | | | | | | |`,
			);
			continue;
		}
		const flag = h.requestsPerSecond >= TARGET_RPS ? ' ✅' : ' ❌';
		push(
			`| ${fmt(h.rooms)} | ${h.connections} | ${h.durationS} | ${fmt(h.requests)} | **${fmt(h.requestsPerSecond)}**${flag} | ${ms(h.latency.p50)} | ${ms(h.latency.p99)} | ${ms(h.latency.max)} | ${h.non2xx} | ${h.errors} | ${h.meanBodyKB} | ${h.engines.join(', ')} |`,
		);
	}
	push(
		'',
		'Load from this process: 50 keep-alive connections (node:http Agent), each sending the next query of the mix as soon as the previous answer is read, after an uncounted warm-up; the client shares the 2 CPUs with the server. Requests carry `Cache-Control: no-cache`, so every one is searched rather than served from the page cache.',
	);
	if (report.notes.length > 0) push('', '## Notes', '', ...report.notes.map((n) => `- ${n}`));
	return lines.join('\n') + '\n';
}
