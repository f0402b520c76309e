import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH overrides. */
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags DESIGN.md names: this machine has no network beyond loopback and the registries. */
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(EXECUTABLE)) {
		throw new Error(`Chromium not found at ${EXECUTABLE}: install it with apt (see .ci/run)`);
	}
	return chromium.launch({ executablePath: EXECUTABLE, args: FLAGS });
}

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8',
);

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function findSeriousA11yViolations(page: Page): Promise<AxeViolation[]> {
	// Evaluated through the DevTools protocol, which the page's CSP does not govern: an injected
	// <script> (page.addScriptTag) is inline script, and the portal's CSP blocks that.
	await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
		).axe;
		const result = await axe.run();
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target })),
		}));
	});
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
