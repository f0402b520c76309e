import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFestival } from '../../db/seed';
import { findSeriousA11yViolations, launchBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
	[server, browser] = await Promise.all([
		startServer({ seed: (db) => void seedDemoFestival(db, {}), now: '2026-06-07T12:00:00Z' }),
		launchBrowser(),
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('searching on a phone', () => {
	it('finds the same room for 女装 and nvzhuang, filters by district and opens it', async () => {
		const context = await browser.newContext({
			viewport: { width: 390, height: 844 },
			isMobile: true,
			hasTouch: true,
		});
		const page = await context.newPage();
		const scriptErrors: string[] = [];
		page.on('pageerror', (error) => scriptErrors.push(error.message));
		const topTitle = () => page.locator('#search-results h2 a').first().innerText();

		await page.goto(`${server.origin}/`);
		await page.getByRole('searchbox', { name: '搜索直播间' }).fill('女装');
		await page.getByRole('searchbox', { name: '搜索直播间' }).press('Enter');
		await page.waitForURL(/\/search\?q=%E5%A5%B3%E8%A3%85$/);
		await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
		const byChinese = await topTitle();
		const status = page.getByRole('status').last();
		const countForChinese = await status.innerText();

		// Once the island runs, the field is a combobox (it offers completions).
		const box = page.getByRole('combobox', { name: '搜索直播间' });
		await box.fill('');
		await box.pressSequentially('nvzhuang', { delay: 30 });
		await page.waitForURL(/q=nvzhuang/);
		await expect.poll(() => status.innerText()).toMatch(/^找到 \d+ 场直播$/);
		expect(await topTitle()).toBe(byChinese);
		expect(countForChinese).toMatch(/^找到 \d+ 场直播$/);

		await page.getByLabel('区域').selectOption('tianhe');
		await page.waitForURL(/district=tianhe/);
		await expect.poll(() => status.innerText()).toMatch(/^找到 \d+ 场直播$/);
		const districts = await page.locator('#search-results .meta').allInnerTexts();
		expect(districts.length).toBeGreaterThan(0);
		expect(districts.every((m) => m.includes('天河'))).toBe(true);

		await box.press('ArrowDown');
		const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
		const first = await topTitle();
		expect(focused).toBe(first);
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/rooms\/\d+$/);
		expect(await page.locator('h1').innerText()).toBe(first);

		await page.goto(`${server.origin}/search?q=${encodeURIComponent('凉茶')}`);
		expect(await findSeriousA11yViolations(page)).toEqual([]);
		expect(scriptErrors).toEqual([]);
		await context.close();
	});

	it('offers completions as you type, announced, chosen with the keyboard', async () => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		const scriptErrors: string[] = [];
		page.on('pageerror', (error) => scriptErrors.push(error.message));
		await page.goto(`${server.origin}/search`);
		await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
		const box = page.getByRole('combobox', { name: '搜索直播间' });
		await box.pressSequentially('xiangy', { delay: 40 });
		const list = page.getByRole('listbox', { name: '搜索建议' });
		await list.waitFor();
		const options = list.getByRole('option');
		const count = await options.count();
		const announced = page.locator('p[aria-live="polite"].visually-hidden');
		expect([count > 0, await box.getAttribute('aria-expanded')]).toEqual([true, 'true']);
		await expect.poll(() => announced.innerText()).toBe(`${count} 条搜索建议，按上下键选择`);
		expect(await findSeriousA11yViolations(page)).toEqual([]);

		await box.press('ArrowDown');
		await box.press('ArrowDown');
		const second = options.nth(1);
		expect([
			await box.getAttribute('aria-activedescendant'),
			await second.getAttribute('aria-selected'),
		]).toEqual([await second.getAttribute('id'), 'true']);
		const chosen = (await second.locator('.text').innerText()).trim();
		await box.press('Enter');
		await expect.poll(() => box.inputValue()).toBe(chosen);
		await page.waitForURL((url) => url.searchParams.get('q') === chosen);
		await expect
			.poll(() => page.getByRole('status').last().innerText())
			.toMatch(/^找到 \d+ 场直播$/);
		expect([await list.count(), await box.getAttribute('aria-expanded')]).toEqual([0, 'false']);

		await box.fill('');
		await box.pressSequentially('shao', { delay: 40 });
		await list.waitFor();
		await box.press('Escape');
		await expect.poll(() => list.count()).toBe(0);
		expect(scriptErrors).toEqual([]);
		await context.close();
	});

	it('completes English names on the English page', async () => {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${server.origin}/en/search`);
		await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
		await page.getByRole('combobox', { name: 'Search live rooms' }).pressSequentially('roast', {
			delay: 40,
		});
		const list = page.getByRole('listbox', { name: 'Suggestions' });
		await list.waitFor();
		const texts = await list.locator('.text').allInnerTexts();
		expect(texts.some((t) => /^roast/i.test(t))).toBe(true);
		await context.close();
	});

	it('works without JavaScript: the form submits and filters are links', async () => {
		const context = await browser.newContext({
			viewport: { width: 390, height: 844 },
			javaScriptEnabled: false,
		});
		const page = await context.newPage();
		await page.goto(`${server.origin}/search`);
		await page.getByRole('searchbox', { name: '搜索直播间' }).fill('点心');
		await page.getByRole('button', { name: '搜索' }).click();
		await page.waitForURL(/q=%E7%82%B9%E5%BF%83/);
		expect(await page.locator('#search-results h2 a').count()).toBe(20);
		await page
			.getByRole('navigation', { name: '状态' })
			.getByRole('link', { name: /未开始/ })
			.click();
		await page.waitForURL(/phase=upcoming/);
		const badges = await page.locator('#search-results .badge').allInnerTexts();
		expect(new Set(badges)).toEqual(new Set(['未开始']));
		await context.close();
	});
});
