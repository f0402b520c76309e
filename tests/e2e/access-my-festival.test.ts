import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCalendar, seedAccessWorld, type AccessWorld } from '../support/access-factories';
import { findSeriousA11yViolations, launchBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';
import { WORLD_NOW } from '../support/world';

let server: RunningServer;
let browser: Browser;
let world: AccessWorld;
beforeAll(async () => {
	[server, browser] = await Promise.all([
		startServer({ seed: (db) => void (world = seedAccessWorld(db)), now: WORLD_NOW }),
		launchBrowser(),
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** A phone whose clock reads the festival evening the server is pinned to. */
async function phone(): Promise<BrowserContext> {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		locale: 'zh-CN',
		acceptDownloads: true,
	});
	await context.clock.setFixedTime(new Date(WORLD_NOW));
	return context;
}

describe('My festival in a browser', () => {
	it('stars two rooms, opens /my with the clash marked, and downloads the calendar', async () => {
		const context = await phone();
		const page = await context.newPage();
		const scriptErrors: string[] = [];
		page.on('pageerror', (error) => scriptErrors.push(error.message));

		await page.goto(`${server.origin}/schedule?day=2026-06-07&page=1`);
		const liveStar = page.locator(`button[data-star-room="${world.live.id}"]`);
		const showcaseStar = page.locator(`button[data-star-room="${world.showcase.id}"]`);
		await liveStar.click();
		await showcaseStar.click();
		expect([
			await liveStar.getAttribute('aria-pressed'),
			await showcaseStar.getAttribute('aria-pressed'),
			await showcaseStar.getAttribute('aria-label'),
		]).toEqual(['true', 'true', '收藏“区长带你逛越秀”']);
		// 20:00 in Shanghai: the showcase starts at 20:30; the live room already started.
		const card = (id: number) =>
			page.locator('article.card', { has: page.locator(`[data-live-room="${id}"]`) });
		expect([
			await card(world.showcase.id).locator('.star-soon').innerText(),
			await card(world.live.id).locator('.star-soon').isVisible(),
		]).toEqual(['30 分钟后开始', false]);

		await page.getByRole('link', { name: '我的直播节' }).click();
		const list = [world.live.id, world.showcase.id].sort((a, b) => a - b).join('-');
		await page.waitForURL(`**/my?rooms=${list}`);
		expect(await page.locator('[data-my-room] h3').allInnerTexts()).toEqual([
			'荔枝节女装专场',
			'区长带你逛越秀',
		]);
		expect(await page.locator('.conflict').allInnerTexts()).toEqual([
			'⚠ 与“区长带你逛越秀”时间冲突',
			'⚠ 与“荔枝节女装专场”时间冲突',
		]);
		expect(await page.locator('[data-feed="subscribe"]').getAttribute('href')).toBe(
			`${server.origin.replace('http://', 'webcal://')}/my/calendar.ics?rooms=${list}`,
		);
		expect(await findSeriousA11yViolations(page)).toEqual([]);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.locator('[data-feed="download"]').click(),
		]);
		const calendar = await parseCalendar(await readFile((await download.path())!, 'utf8'));
		expect(
			calendar.events.map((e) => [e.summary, e.start.wall, e.end.wall, e.url, e.alarms]),
		).toEqual([
			[
				'荔枝节女装专场',
				'2026-06-07T19:30:00',
				'2026-06-07T21:00:00',
				`${server.origin}/go/${world.live.id}`,
				[{ action: 'DISPLAY', trigger: '-PT10M' }],
			],
			[
				'区长带你逛越秀',
				'2026-06-07T20:30:00',
				'2026-06-07T21:30:00',
				`${server.origin}/go/${world.showcase.id}`,
				[{ action: 'DISPLAY', trigger: '-PT10M' }],
			],
		]);

		// Unstarring on the page updates what the export links carry.
		await page.locator(`button[data-star-room="${world.live.id}"]`).click();
		expect(await page.locator('[data-feed="download"]').getAttribute('href')).toBe(
			`/my/calendar.ics?rooms=${world.showcase.id}`,
		);
		expect(scriptErrors).toEqual([]);
		await context.close();
	});

	it('offers a shared list to someone else, who can add it to their own', async () => {
		const context = await phone();
		const page = await context.newPage();
		const list = `${world.soon.id}-${world.awkward.id}`;
		await page.goto(`${server.origin}/my?rooms=${list}`);
		await page.getByRole('button', { name: '全部加入我的直播节' }).click();
		expect(await page.locator('.shared').count()).toBe(0);
		expect(await page.evaluate(() => localStorage.getItem('livefest.my-festival.v1'))).toBe(list);
		await page.goto(`${server.origin}/schedule?day=2026-06-07&page=1`);
		expect(
			await page.locator(`button[data-star-room="${world.soon.id}"]`).getAttribute('aria-pressed'),
		).toBe('true');
		await context.close();
	});
});
