/** The Markdown for one front-end budget run: a score table, script weights, failing audits. */
import { CATEGORIES, METRICS, type Category, type MetricId } from './lighthouse-run';
import type { PageBudget, PageFailure } from './page-budget';

export const SCORE_TARGET = 100;
export const PUBLIC_JS_BUDGET_BYTES = 30 * 1024;

const LABELS: Record<Category, string> = {
	performance: 'Perf',
	accessibility: 'A11y',
	'best-practices': 'Best pr.',
	seo: 'SEO',
};

function mark(ok: boolean): string {
	return ok ? '✅' : '❌';
}

function formatKb(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

/** True when the page's JavaScript is within budget: ≤ 30 KB, or none at all without islands. */
export function isWithinScriptBudget(hasIslands: boolean, gzipBytes: number): boolean {
	return hasIslands ? gzipBytes <= PUBLIC_JS_BUDGET_BYTES : gzipBytes === 0;
}

function formatMetrics(metrics: Partial<Record<MetricId, number>>): string {
	return (Object.keys(METRICS) as MetricId[])
		.filter((id) => metrics[id] !== undefined)
		.map((id) => {
			const value = metrics[id] ?? 0;
			const shown = id === 'cumulative-layout-shift' ? value.toFixed(3) : `${Math.round(value)} ms`;
			return `${METRICS[id]} ${shown}`;
		})
		.join(', ');
}

function formatScoreCell(score: number | null): string {
	return score === null ? '— ❌' : `${score} ${mark(score >= SCORE_TARGET)}`;
}

/** Renders the run as Markdown: one row per page, then what fell short and why. */
export function formatBudgetMarkdown(run: {
	origin: string;
	lighthouseVersion: string;
	measured: readonly PageBudget[];
	failed: readonly PageFailure[];
}): string {
	const { origin, lighthouseVersion, measured: pages, failed } = run;
	const header = ['Page', ...CATEGORIES.map((id) => LABELS[id]), 'JS (gzip)', 'Scripts'];
	const lines = [
		`## Front-end budgets — ${origin}`,
		'',
		`Lighthouse ${lighthouseVersion}, default (mobile) config. Targets: 100 in ` +
			`every category; client JavaScript ≤ ${formatKb(PUBLIC_JS_BUDGET_BYTES)} gzipped ` +
			'(zlib level 9, every script the page loaded, inline included), 0 without islands.',
		'',
		`| ${header.join(' | ')} |`,
		`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
	];
	for (const page of pages) {
		const budget = page.hasIslands ? '≤ 30 KB' : '0 (no islands)';
		lines.push(
			`| ${page.name} \`${page.path}\` | ` +
				CATEGORIES.map((id) => formatScoreCell(page.categories[id].score)).join(' | ') +
				` | ${formatKb(page.javascript.totalGzipBytes)} ${mark(isWithinScriptBudget(page.hasIslands, page.javascript.totalGzipBytes))} ` +
				`(${budget}) | ${page.javascript.scripts.length} |`,
		);
	}
	for (const page of failed) lines.push(`| ${page.name} \`${page.path}\` | ${page.error} |`);
	for (const page of pages) {
		const failing = CATEGORIES.flatMap((id) =>
			page.categories[id].failing.map((audit) => ({ category: id, ...audit })),
		);
		lines.push(
			'',
			`### ${page.name} \`${page.path}\``,
			'',
			`- Lab metrics: ${formatMetrics(page.metrics)}`,
		);
		for (const audit of failing) {
			const value = audit.displayValue ? ` — ${audit.displayValue}` : '';
			const weight = audit.weighted ? '' : ' (unweighted)';
			lines.push(
				`- ${LABELS[audit.category]}: \`${audit.id}\` ${audit.title} (${audit.score})${value}${weight}`,
			);
		}
		for (const script of page.javascript.scripts) {
			const source = script.source.startsWith(origin)
				? script.source.slice(origin.length)
				: script.source;
			lines.push(
				`- JS: \`${source}\` ${formatKb(script.gzipBytes)} gzip (${script.rawBytes} B raw)`,
			);
		}
		for (const warning of page.runWarnings) lines.push(`- Lighthouse warning: ${warning}`);
	}
	return lines.join('\n') + '\n';
}
