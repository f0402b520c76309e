import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFestival } from '../../db/seed';
import { findSeriousA11yViolations, launchBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

/**
 * End to end, in Chromium on a phone: the festival's venues → a district venue → one of its rooms,
 * in Chinese and in English, on the demo festival ("1+11+N").
 */
const NOW = '2026-06-07T12:00:00Z';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
	[server, browser] = await Promise.all([
		startServer({ seed: (db) => void seedDemoFestival(db, {}), now: NOW }),
		launchBrowser(),
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const JOURNEYS = [
	{
		lang: 'zh-CN',
		prefix: '',
		heading: '全部会场',
		districts: '11个区分会场',
		venue: '荔湾',
		search: '在本会场搜索',
	},
	{
		lang: 'en',
		prefix: '/en',
		heading: 'All venues',
		districts: 'The 11 district venues',
		venue: 'Liwan',
		search: 'Search this venue',
	},
] as const;

describe('a citizen on a phone walks the venues', () => {
	for (const j of JOURNEYS) {
		it(`goes from /venues to a district venue to a room (${j.lang})`, async () => {
			const context = await browser.newContext({
				viewport: { width: 390, height: 844 },
				deviceScaleFactor: 2,
				isMobile: true,
				hasTouch: true,
				locale: j.lang,
			});
			await context.clock.setFixedTime(new Date(NOW));
			const page = await context.newPage();
			const scriptErrors: string[] = [];
			page.on('pageerror', (error) => scriptErrors.push(error.message));
			const violations: Record<string, unknown[]> = {};

			await page.goto(`${server.origin}${j.prefix}/venues`);
			const districts = page.locator('section[aria-labelledby="kind-district"]');
			expect([
				await page.locator('h1').innerText(),
				await districts.locator('h2').innerText(),
				await districts.locator('a.venue-tile').count(),
			]).toEqual([j.heading, j.districts, 11]);
			violations.venues = await findSeriousA11yViolations(page);

			await districts.locator('a.venue-tile', { hasText: j.venue }).click();
			await page.waitForURL(`**${j.prefix}/venues/liwan`);
			expect([
				(await page.locator('h1').innerText()).includes(j.venue),
				await page.getByLabel(j.search).count(),
			]).toEqual([true, 1]);
			violations.venue = await findSeriousA11yViolations(page);

			// The first room the venue shows (live now, else next, else the day's schedule).
			const card = page.locator('main article a[href*="/rooms/"]').first();
			const title = (await card.innerText()).trim();
			const href = (await card.getAttribute('href'))!;
			await card.click();
			await page.waitForURL(`**${href}`);
			expect([
				href.startsWith(`${j.prefix}/rooms/`),
				(await page.locator('h1').innerText()).trim(),
				await page.locator('html').getAttribute('lang'),
			]).toEqual([true, title, j.lang === 'en' ? 'en' : 'zh-CN']);
			// Nothing wider than the phone's screen on the way.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				390,
			);

			expect(violations).toEqual({ venues: [], venue: [] });
			expect(scriptErrors).toEqual([]);
			await context.close();
		});
	}
});
