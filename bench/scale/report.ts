/** The Markdown of `npm run bench -- --rooms=N` (bench/scale/run-scale.ts): the demo beside N. */
import type { LoadResult } from '../peak/load';
import type { HeavyResult } from './heavy';
import type { RenderTiming } from './renders';
import type { WriteSummary } from './writes';

/** Issue 13's targets; the report marks them, nothing asserts them. */
export const SCALE_TARGETS = {
	maxRenderMs: 25,
	maxRenderGrowth: 2,
	minWriteRatio: 0.5,
	maxP99Ms: 50,
	maxProbeP99Ms: 50,
	maxRebuildMs: 60_000,
	maxStartMs: 3_000,
	maxRssMB: 1024,
};

export interface HotPage {
	name: string;
	path: string;
	noWrites: LoadResult;
	withWrites: LoadResult;
	writes: WriteSummary;
}

export interface SizeRun {
	label: string;
	publicRooms: number;
	busiestDay: { day: string; count: number };
	database: { origin: string; built: boolean; buildMs: number };
	clockStart: string;
	startup: { serveMjsMs: number; npmStartMs: number | null; npmStartNote: string | null };
	renders: RenderTiming[];
	hot: HotPage[];
	heavy: HeavyResult[];
	memory: { rssMB: number; peakRssMB: number } | null;
	sqliteBusy: number;
	serverLog: string[];
}

export interface ScaleReport {
	when: string;
	machine: { cpus: number; node: string; loadBefore: number[] };
	options: { connections: number; durationS: number; warmupS: number; writesPerS: number };
	runs: SizeRun[];
}

const mark = (ok: boolean): string => (ok ? '✅' : '❌');
const fmt = (ms: number): string => (Number.isFinite(ms) ? String(ms) : '—');
const loadCell = (r: LoadResult): string =>
	`${r.requestsPerSecond} | ${r.p50Ms} / ${r.p99Ms} | ${r.errors}`;

function renderRenders(demo: SizeRun | undefined, large: SizeRun): string[] {
	const lines = [
		'## Cache-miss render time',
		'',
		`Sequential requests with \`Cache-Control: no-cache\` (rendered, not looked up), median of up to 20 after one unmeasured request (fewer when a page takes seconds: n says how many). "app" is the middleware's \`Server-Timing: app;dur\`, "client" adds the serving layer and the socket. Targets at ${large.publicRooms.toLocaleString('en')} rooms, on app: ≤ ${SCALE_TARGETS.maxRenderMs} ms and ≤ ${SCALE_TARGETS.maxRenderGrowth}× the demo's (tiny demo figures make the second noisy).`,
		'',
		`| page | demo app / client ms | ${large.label} app / client ms | n | queries (demo / ${large.label}) | ≤ 25 ms | ≤ 2× demo |`,
		'|---|---|---|---|---|---|---|',
	];
	for (const r of large.renders) {
		const d = demo?.renders.find((x) => x.name === r.name);
		const status = r.status === 200 ? '' : ` (HTTP ${r.status})`;
		lines.push(
			`| ${r.name} \`${r.path.length > 70 ? r.path.slice(0, 67) + '…' : r.path}\`${status} | ${d ? `${fmt(d.appMedianMs)} / ${d.clientMedianMs}` : '—'} | ${fmt(r.appMedianMs)} / ${r.clientMedianMs} | ${r.samples} | ${d?.queries ?? '—'} / ${r.queries ?? '—'} | ${mark(r.appMedianMs <= SCALE_TARGETS.maxRenderMs)} | ${d ? mark(r.appMedianMs <= SCALE_TARGETS.maxRenderGrowth * d.appMedianMs) : '—'} |`,
		);
	}
	return lines;
}

function renderThroughput(report: ScaleReport): string[] {
	const { options } = report;
	const lines = [
		'## Throughput of hot pages, without and with writes',
		'',
		`autocannon, ${options.connections} connections, ${options.durationS} s after a ${options.warmupS} s warm-up, identity bodies, on the running clock. "With writes": ${options.writesPerS} writes/s through the real actions during warm-up and run (in turn a staff review decision, a merchant room edit, a one-row \`rooms.import\` status update). Targets: with writes ≥ ${SCALE_TARGETS.minWriteRatio * 100}% of the no-write req/s, p99 ≤ ${SCALE_TARGETS.maxP99Ms} ms, 0 errors.`,
		'',
		'| size | page | no writes req/s | p50 / p99 ms | errors | with writes req/s | p50 / p99 ms | errors | ratio | target |',
		'|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const run of report.runs) {
		for (const h of run.hot) {
			const ratio = h.withWrites.requestsPerSecond / Math.max(1, h.noWrites.requestsPerSecond);
			const ok =
				ratio >= SCALE_TARGETS.minWriteRatio &&
				h.withWrites.p99Ms <= SCALE_TARGETS.maxP99Ms &&
				h.withWrites.errors === 0;
			lines.push(
				`| ${run.label} | ${h.name} | ${loadCell(h.noWrites)} | ${loadCell(h.withWrites)} | ${ratio.toFixed(2)} | ${mark(ok)} |`,
			);
		}
	}
	lines.push('', 'The writes during those runs (all pages together):', '');
	lines.push(
		'| size | kind | sent | ok | refused (4xx) | errors | p50 / p99 ms | first non-200 answers |',
	);
	lines.push('|---|---|---|---|---|---|---|---|');
	for (const run of report.runs) {
		const kinds = new Map<
			string,
			{
				sent: number;
				ok: number;
				refused: number;
				errors: number;
				p50: number[];
				p99: number[];
				samples: string[];
			}
		>();
		for (const h of run.hot) {
			for (const k of h.writes.kinds) {
				const t = kinds.get(k.kind) ?? {
					sent: 0,
					ok: 0,
					refused: 0,
					errors: 0,
					p50: [],
					p99: [],
					samples: [],
				};
				t.sent += k.sent;
				t.ok += k.ok;
				t.refused += k.refused;
				t.errors += k.errors;
				if (k.latency.samples) t.p50.push(k.latency.p50);
				if (k.latency.samples) t.p99.push(k.latency.p99);
				t.samples.push(...k.samples);
				kinds.set(k.kind, t);
			}
		}
		const rate = run.hot.map((h) => h.writes.ratePerS);
		for (const [kind, t] of kinds) {
			lines.push(
				`| ${run.label} | ${kind} | ${t.sent} | ${t.ok} | ${t.refused} | ${t.errors} | ${t.p50.length ? Math.max(...t.p50) : '—'} / ${t.p99.length ? Math.max(...t.p99) : '—'} | ${t.samples.slice(0, 2).join('; ').replace(/\|/g, '\\|') || '—'} |`,
			);
		}
		lines.push(`| ${run.label} | rate achieved | ${rate.join(', ')} writes/s | | | | | |`);
	}
	lines.push('', 'p50 / p99 of the writes: the worst page run.');
	return lines;
}

function renderHeavy(report: ScaleReport): string[] {
	const lines = [
		'## Event-loop delay during heavy actions',
		'',
		`One action at a time; beside it a prober asks for the cached \`/\` every ~10 ms (open loop: requests are sent on schedule, so a freeze shows in every request sent during it). "server loop" is the server's own \`perf_hooks.monitorEventLoopDelay\` over the action (bench/scale/loop-monitor.mjs, preloaded; figures include its 5 ms sampling interval). Target: prober p99 < ${SCALE_TARGETS.maxProbeP99Ms} ms.`,
		'',
		'| size | action | took ms | result | prober n | prober p50 / p99 / max ms | prober errors | server loop p99 / max ms | target |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const run of report.runs) {
		for (const h of run.heavy) {
			lines.push(
				`| ${run.label} | ${h.name} | ${h.durationMs} | ${h.ok ? '' : '⚠ '}${h.detail.replace(/\|/g, '\\|')} | ${h.probe.requests} | ${h.probe.latency.p50} / ${h.probe.latency.p99} / ${h.probe.latency.max} | ${h.probe.errors} | ${h.loop ? `${h.loop.p99} / ${h.loop.max}` : 'not read'} | ${mark(h.probe.latency.p99 < SCALE_TARGETS.maxProbeP99Ms && h.probe.errors === 0)} |`,
			);
		}
	}
	return lines;
}

function renderOther(report: ScaleReport): string[] {
	const t = SCALE_TARGETS;
	const lines = [
		'## Search rebuild, start-up, memory',
		'',
		'| size | full index rebuild (`npm run search:rebuild`) | `node dist-bench/serve.mjs` to first response | `npm start` to first response | RSS after the benchmark (peak) | SQLITE_BUSY in server output |',
		'|---|---|---|---|---|---|',
	];
	for (const run of report.runs) {
		const rebuild = run.heavy.find((h) => h.name.includes('search:rebuild'));
		const s = run.startup;
		lines.push(
			`| ${run.label} | ${rebuild ? `${rebuild.durationMs} ms ${mark(rebuild.ok && rebuild.durationMs <= t.maxRebuildMs)}` : '—'} | ${s.serveMjsMs} ms ${mark(s.serveMjsMs <= t.maxStartMs)} | ${s.npmStartMs === null ? `not measured: ${s.npmStartNote}` : `${s.npmStartMs} ms ${mark(s.npmStartMs <= t.maxStartMs)}`} | ${run.memory ? `${run.memory.rssMB} MB (${run.memory.peakRssMB} MB) ${mark(run.memory.rssMB <= t.maxRssMB)}` : '—'} | ${run.sqliteBusy} |`,
		);
	}
	lines.push(
		'',
		`Targets: rebuild ≤ ${t.maxRebuildMs / 1000} s, start-up ≤ ${t.maxStartMs / 1000} s (on an existing database: the rebuild includes the tokenising), RSS ≤ ${t.maxRssMB} MB. The rebuild is the heavy action of the same name above (a separate process on the live database).`,
	);
	return lines;
}

/** A section left out with `--skip`. */
const skipped = (title: string): string[] => [`## ${title}`, '', 'Not measured (skipped).'];

export function renderScaleReport(report: ScaleReport): string {
	const large = report.runs[report.runs.length - 1]!;
	const demo = report.runs.length > 1 ? report.runs[0] : undefined;
	const lines = [
		`# livefest scale benchmark ${report.when}`,
		'',
		`${report.machine.cpus} CPUs, Node ${report.machine.node}, load average before the run ${report.machine.loadBefore.map((l) => l.toFixed(2)).join(' ')} (figures from a busy machine are not comparable).`,
		'',
		...report.runs.map(
			(r) =>
				`- **${r.label}**: ${r.publicRooms.toLocaleString('en')} public rooms (${r.database.origin}${r.database.built ? `, built in ${Math.round(r.database.buildMs / 1000)} s` : ', from the cache'}); busiest day ${r.busiestDay.day} (${r.busiestDay.count.toLocaleString('en')} rooms starting); clock started at ${r.clockStart} (20:00 Shanghai, middle day) and running.`,
		),
		'',
		...(large.renders.length ? renderRenders(demo, large) : skipped('Cache-miss render time')),
		'',
		...(large.hot.length
			? renderThroughput(report)
			: skipped('Throughput of hot pages, without and with writes')),
		'',
		...(large.heavy.length
			? renderHeavy(report)
			: skipped('Event-loop delay during heavy actions')),
		'',
		...renderOther(report),
		'',
		'## Server output',
		'',
		...report.runs.flatMap((r) => [
			`${r.label}: ${r.serverLog.length ? '' : 'nothing besides the start line.'}`,
			...(r.serverLog.length ? ['', '```', ...r.serverLog.slice(0, 30), '```', ''] : ['']),
		]),
	];
	return lines.join('\n') + '\n';
}
