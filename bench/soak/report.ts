/** The Markdown of `npm run bench:soak` (bench/soak.ts). */
import type { BackupRun, FaultEvent } from './faults';
import type { KindSummary } from './traffic';

export interface SoakReport {
	when: string;
	machine: { cpus: number; node: string };
	options: {
		durationS: number;
		connections: number;
		merchants: number;
		writeShare: number;
		faults: boolean;
		/** `--rooms`: the festival's size and the clock's start; absent for the demo on the real clock. */
		scale?: { publicRooms: number; clockStart: string; origin: string };
	};
	elapsedS: number;
	kinds: KindSummary[];
	cacheStates: Record<string, number>;
	/** CPU used over the run per second of it (1 = one core busy): the server and this process. */
	cpu: { serverShare: number | null; loadShare: number };
	failures: string[];
	/** Writes refused with a 4xx, by reason, most frequent first. */
	refusals: [string, number][];
	rss: { atS: number; rssMB: number }[];
	finalRssMB: number | null;
	peakRssMB: number | null;
	sqliteBusy: { serverOutput: number; responseBodies: number };
	serverLog: { lines: number; notable: string[] };
	writes: {
		acknowledged: { create: number; edit: number };
		rooms: number;
		found: number;
		missing: { roomId: number; expected: string; actual: string | null }[];
	};
	faults: FaultEvent[];
	/** `/api/search` answers by the stand-in's mode when they were read, then by engine. */
	engines: Record<string, Record<string, number>>;
	stubCounts: Record<string, number> | null;
	backup: BackupRun;
}

const mark = (ok: boolean): string => (ok ? '✅' : '❌');

/** RSS a minute in (or a fifth of the run in, when shorter), the reference for growth. */
export function findReferenceRss(report: SoakReport): { atS: number; rssMB: number } | undefined {
	const at = Math.min(60, report.options.durationS / 5);
	return report.rss.find((sample) => sample.atS >= at);
}

export function renderSoakReport(report: SoakReport): string {
	const total = report.kinds.reduce((sum, k) => sum + k.requests, 0);
	const errors = report.kinds.reduce((sum, k) => sum + k.serverErrors + k.socketErrors, 0);
	const searchErrors = report.kinds
		.filter((k) => k.kind.startsWith('search'))
		.reduce((sum, k) => sum + k.serverErrors + k.socketErrors, 0);
	const reference = findReferenceRss(report);
	const growth =
		reference && report.finalRssMB !== null ? report.finalRssMB / reference.rssMB - 1 : Number.NaN;
	const busy = report.sqliteBusy.serverOutput + report.sqliteBusy.responseBodies;
	const acked = report.writes.acknowledged.create + report.writes.acknowledged.edit;
	const backupOk = report.backup.exitCode === 0 && report.backup.problems.length === 0;
	const { options } = report;
	const lines = [
		`# livefest soak ${report.when}`,
		'',
		`${report.machine.cpus} CPUs, Node ${report.machine.node}. \`node dist-bench/serve.mjs\` ${options.scale ? `on a clock started at ${options.scale.clockStart} and running, a festival of ${options.scale.publicRooms.toLocaleString('en')} public rooms (${options.scale.origin})` : 'on the real clock, demo festival'} + ${options.merchants} signed-in merchants; ${options.connections} keep-alive loops for ${report.elapsedS} s, ${Math.round((1 - options.writeShare) * 100)}% anonymous GETs, ${Math.round(options.writeShare * 100)}% room saves through \`/_actions/rooms.save\`. Faults: ${options.faults ? 'Meilisearch stand-in down twice and hung once' : 'off (no Meilisearch)'}; an online backup half-way.`,
		'',
		'## Targets',
		'',
		`| check | result | target | |`,
		'|---|---|---|---|',
		`| errors (status ≥ 500, socket errors) | ${errors} of ${total} requests (${Math.round(total / report.elapsedS)} req/s) | 0 | ${mark(errors === 0)} |`,
		`| search errors during the faults | ${searchErrors} | 0 | ${mark(searchErrors === 0)} |`,
		`| RSS growth, ${reference ? `${reference.atS} s` : '?'} → end | ${reference?.rssMB ?? '?'} → ${report.finalRssMB ?? '?'} MB (${Number.isFinite(growth) ? `${(growth * 100).toFixed(1)}%` : '?'}; peak ${report.peakRssMB ?? '?'} MB) | within 10% | ${mark(Number.isFinite(growth) && Math.abs(growth) <= 0.1)} |`,
		`| SQLITE_BUSY | ${report.sqliteBusy.serverOutput} in the server's output, ${report.sqliteBusy.responseBodies} in responses | 0 | ${mark(busy === 0)} |`,
		`| lost writes | ${acked} acknowledged (${report.writes.acknowledged.create} new rooms, ${report.writes.acknowledged.edit} edits) on ${report.writes.rooms} rooms; ${report.writes.found} rooms hold their last acknowledged title | all found | ${mark(report.writes.missing.length === 0)} |`,
		`| online backup | ${report.backup.durationMs} ms, exit ${report.backup.exitCode}, integrity ${report.backup.problems.length === 0 ? 'ok' : report.backup.problems.join('; ')} | passes | ${mark(backupOk)} |`,
		'',
		'## Latency by kind',
		'',
		'| kind | requests | p50 ms | p99 ms | max ms | ≥ 500 | socket errors | 4xx |',
		'|---|---|---|---|---|---|---|---|',
		...report.kinds.map(
			(k) =>
				`| ${k.kind} | ${k.requests} | ${k.latency.p50} | ${k.latency.p99} | ${k.latency.max} | ${k.serverErrors} | ${k.socketErrors} | ${k.clientErrors} |`,
		),
		'',
		`Page cache (\`X-Cache\` of GETs): ${Object.entries(report.cacheStates)
			.sort((a, b) => b[1] - a[1])
			.map(([state, n]) => `${state} ${n}`)
			.join(
				', ',
			)}. CPU: the server used ${report.cpu.serverShare ?? '?'} of a core on average, the load generator (with the Meilisearch stand-in) ${report.cpu.loadShare}.`,
		'',
		'## Writes refused (4xx), by reason',
		'',
		...(report.refusals.length === 0
			? ['None.']
			: report.refusals.map(([reason, n]) => `- ${n} × ${reason}`)),
		...(report.writes.missing.length === 0
			? []
			: [
					'',
					'Acknowledged writes not found:',
					...report.writes.missing
						.slice(0, 20)
						.map((m) => `- room ${m.roomId}: expected "${m.expected}", found "${m.actual}"`),
				]),
		'',
		'## Faults and search engines',
		'',
		...(report.faults.length === 0
			? ['None.']
			: report.faults.map((f) => `- ${f.atS} s: ${f.event}`)),
		'',
		`\`/api/search\` answers by the stand-in's state when read (cached answers included): ${
			Object.entries(report.engines)
				.map(
					([mode, byEngine]) =>
						`${mode}: ${Object.entries(byEngine)
							.map(([e, n]) => `${e} ${n}`)
							.join(', ')}`,
				)
				.join(' · ') || 'none'
		}.`,
		report.stubCounts
			? `Stand-in requests: ${Object.entries(report.stubCounts)
					.map(([k, n]) => `${k} ${n}`)
					.join(', ')}.`
			: '',
		'',
		'## Memory (RSS, MB, every 5 s)',
		'',
		report.rss.map((s) => `${s.atS}s ${s.rssMB}`).join(' · '),
		'',
		'## Server output',
		'',
		`${report.serverLog.lines} lines. First lines other than "listening":`,
		'',
		'```',
		...(report.serverLog.notable.length ? report.serverLog.notable : ['(none)']),
		'```',
		'',
		...(report.failures.length
			? ['## First failures', '', ...report.failures.map((f) => `- ${f}`), '']
			: []),
		'Backup output:',
		'',
		'```',
		report.backup.output || '(none)',
		'```',
	];
	return lines.join('\n') + '\n';
}
