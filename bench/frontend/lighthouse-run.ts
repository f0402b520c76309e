/**
 * One Lighthouse navigation per page, all in one headless Chromium (Debian's, as the e2e tests
 * use). Lighthouse's default config: mobile form factor, simulated throttling, so the scores do
 * not depend on how busy the 2-core machine is beyond what Lantern models.
 */
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse, { type Artifacts, type Result } from 'lighthouse';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface FailingAudit {
	id: string;
	title: string;
	/** 0–100, or null for audits without a numeric score. */
	score: number | null;
	/** Whether the audit counts towards the category score (weight > 0). */
	weighted: boolean;
	displayValue?: string;
}

export interface CategoryResult {
	score: number | null;
	failing: FailingAudit[];
}

/** Lab metrics from the performance category: times in ms, CLS unitless. */
export const METRICS = {
	'first-contentful-paint': 'FCP',
	'largest-contentful-paint': 'LCP',
	'total-blocking-time': 'TBT',
	'cumulative-layout-shift': 'CLS',
	'speed-index': 'SI',
} as const;
export type MetricId = keyof typeof METRICS;

export interface LighthouseRun {
	finalUrl: string;
	metrics: Partial<Record<MetricId, number>>;
	categories: Record<Category, CategoryResult>;
	scripts: Artifacts['Scripts'];
	/** Script requests as Lighthouse's network log saw them. */
	scriptRequests: string[];
	runWarnings: string[];
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];

/** Starts the Chromium every page of one budget run shares. */
export async function launchChromium(): Promise<LaunchedChrome> {
	return launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
}

/** Audits below 100 in one category; informative and not-applicable audits never count. */
function listFailingAudits(lhr: Result, category: Category): FailingAudit[] {
	const failing: FailingAudit[] = [];
	for (const ref of lhr.categories[category]?.auditRefs ?? []) {
		const audit = lhr.audits[ref.id];
		if (!audit || audit.score === null || audit.score >= 1) continue;
		if (!['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode)) continue;
		failing.push({
			id: audit.id,
			title: audit.title,
			score: Math.round(audit.score * 100),
			weighted: ref.weight > 0,
			...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
		});
	}
	return failing.sort((a, b) => Number(b.weighted) - Number(a.weighted));
}

/** Runs Lighthouse on one URL in the given Chromium and keeps what the budget report needs. */
export async function runLighthouse(url: string, port: number): Promise<LighthouseRun> {
	const result = await lighthouse(url, {
		port,
		output: 'json',
		logLevel: 'error',
		onlyCategories: [...CATEGORIES],
	});
	if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
	const { lhr, artifacts } = result;
	if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message} (${url})`);
	const categories = Object.fromEntries(
		CATEGORIES.map((id) => {
			const score = lhr.categories[id]?.score;
			const value = score === null || score === undefined ? null : Math.round(score * 100);
			return [id, { score: value, failing: listFailingAudits(lhr, id) }];
		}),
	) as Record<Category, CategoryResult>;
	const requests = (lhr.audits['network-requests']?.details as { items?: unknown[] } | undefined)
		?.items as { url: string; resourceType?: string }[] | undefined;
	const metrics: Partial<Record<MetricId, number>> = {};
	for (const id of Object.keys(METRICS) as MetricId[]) {
		const value = lhr.audits[id]?.numericValue;
		if (value !== undefined) metrics[id] = value;
	}
	return {
		finalUrl: lhr.finalDisplayedUrl,
		metrics,
		categories,
		scripts: artifacts.Scripts,
		scriptRequests: (requests ?? [])
			.filter((request) => request.resourceType === 'Script')
			.map((request) => request.url),
		runWarnings: lhr.runWarnings,
	};
}
