/**
 * Issue 8's front-end budgets: Lighthouse scores (target 100 in performance, accessibility, best
 * practices and SEO) and the gzipped client JavaScript of each public page (≤ 30 KB, none on a
 * page without islands). Measures a running portal; nothing here fails a build.
 */
import { createRequire } from 'node:module';
import { CATEGORIES, launchChromium, runLighthouse } from './lighthouse-run';
import type { PageBudget, PageFailure } from './page-budget';
import { formatBudgetMarkdown, isWithinScriptBudget } from './report';
import { measureScripts } from './script-weight';

const lighthouseVersion = (
	createRequire(import.meta.url)('lighthouse/package.json') as { version: string }
).version;

async function measurePage(
	origin: string,
	page: { name: string; path: string },
	port: number,
): Promise<PageBudget> {
	const url = new URL(page.path, origin).href;
	const html = await (await fetch(url)).text();
	const run = await runLighthouse(url, port);
	const javascript = await measureScripts(run.scripts, run.scriptRequests);
	const hasIslands = html.includes('<astro-island');
	const scoresMet = CATEGORIES.every((id) => run.categories[id].score === 100);
	return {
		...page,
		finalUrl: run.finalUrl,
		categories: run.categories,
		metrics: run.metrics,
		hasIslands,
		javascript,
		runWarnings: run.runWarnings,
		withinBudget: scoresMet && isWithinScriptBudget(hasIslands, javascript.totalGzipBytes),
	};
}

/**
 * Runs Lighthouse's default (mobile) audit on each page in turn, in one headless Chromium, and
 * weighs every script each page loaded. Returns the Markdown report and the same data as JSON.
 */
export async function runFrontEndBudgets(
	origin: string,
	pages: { name: string; path: string }[],
): Promise<{ markdown: string; json: unknown }> {
	const chrome = await launchChromium();
	const measured: PageBudget[] = [];
	const failed: PageFailure[] = [];
	try {
		for (const page of pages) {
			try {
				measured.push(await measurePage(origin, page, chrome.port));
			} catch (error) {
				failed.push({ ...page, error: error instanceof Error ? error.message : String(error) });
			}
		}
	} finally {
		chrome.kill();
	}
	return {
		markdown: formatBudgetMarkdown({ origin, lighthouseVersion, measured, failed }),
		json: { origin, lighthouseVersion, measuredAt: new Date().toISOString(), measured, failed },
	};
}
