/**
 * Browser (issue 18's "done when"): a visitor stars a session (counted by a beacon), its merchant
 * on a phone reports the results of the session, which has ended — a bad figure is told next to its field first — staff publish the results page from
 * the console, and a visitor finds the figures on `/results` labelled "reported by the merchant",
 * with SVG charts and their numbers as tables, in both languages, with no serious accessibility
 * violation and no page wider than the phone.
 */
import Database from 'better-sqlite3';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookie';
import { findSeriousA11yViolations, launchBrowser } from '../support/browser';
import { createRoom } from '../support/factories';
import { startServer, type RunningServer } from '../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../support/staff-factories';

let server: RunningServer;
let browser: Browser;
let w: ConsoleWorld;
let ended: { id: number };

beforeAll(async () => {
	[server, browser] = await Promise.all([
		startServer({
			now: CONSOLE_NOW,
			seed: (db) => {
				w = seedConsoleWorld(db);
				// The evening before the console's noon: over, so its merchant may report it.
				ended = createRoom(db, {
					festivalId: w.world.festival.id,
					merchantId: w.shop.id,
					districtId: w.world.district.id,
					categoryId: w.world.category.id,
					wxRoomId: 8200,
					title: '荔枝采摘首场',
					titleEn: 'Lychee picking, first session',
					startAt: new Date('2026-06-06T19:00:00+08:00'),
					endAt: new Date('2026-06-06T20:30:00+08:00'),
				});
			},
		}),
		launchBrowser(),
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** Rows of room_star for a room, read until they appear (a beacon lands after the click). */
async function waitForStars(roomId: number): Promise<number> {
	for (let i = 0; i < 50; i += 1) {
		const db = new Database(server.file, { readonly: true });
		const row = db.prepare('select sum(count) n from room_star where room_id = ?').get(roomId) as {
			n: number | null;
		};
		db.close();
		if (row.n) return row.n;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return 0;
}

async function signedIn(token: string, width: number, locale: string): Promise<BrowserContext> {
	const context = await browser.newContext({
		viewport: { width, height: 844 },
		isMobile: width < 500,
		locale,
	});
	await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.origin }]);
	return context;
}

describe('the festival results', () => {
	it('reported by a merchant on a phone appear, labelled, on the results page staff publish', async () => {
		const errors: string[] = [];
		const violations: Record<string, unknown[]> = {};

		// A visitor stars the session on its page: the star stays in the browser, the portal counts it.
		const fan = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
		const roomPage = await fan.newPage();
		roomPage.on('pageerror', (e) => errors.push(e.message));
		await roomPage.goto(`${server.origin}/rooms/${ended.id}`);
		await roomPage.locator(`button[data-star-room="${ended.id}"]`).first().click();
		const stars = await waitForStars(ended.id);
		await fan.close();

		const merchant = await signedIn(w.tokens.merchant, 390, 'zh-CN');
		const phone = await merchant.newPage();
		phone.on('pageerror', (e) => errors.push(e.message));
		await phone.goto(`${server.origin}/merchant/rooms`);
		await phone.getByRole('link', { name: '填报战报 荔枝采摘首场' }).click();
		await phone.waitForURL(`**/merchant/rooms/${ended.id}/results`);
		await phone.getByLabel('观看人数').fill('-12');
		await phone.getByLabel('订单数').fill('320');
		await phone.getByLabel('销售额（元）').fill('45,600.50');
		await phone.getByRole('button', { name: '保存战报' }).click();
		const refused = await phone.locator('#f-viewers-error').innerText();
		const kept = await phone.getByLabel('订单数').inputValue();
		violations.refused = await findSeriousA11yViolations(phone);
		await phone.getByLabel('观看人数').fill('12,800');
		await phone.getByRole('button', { name: '保存战报' }).click();
		await phone.waitForURL(`**/merchant/rooms/${ended.id}/results?saved=1`);
		const saved = await phone.locator('[role=status]').first().innerText();
		await merchant.close();

		const staff = await signedIn(w.tokens.staff, 1280, 'zh-CN');
		const console_ = await staff.newPage();
		console_.on('pageerror', (e) => errors.push(e.message));
		await console_.goto(`${server.origin}/staff/results`);
		violations.console = await findSeriousA11yViolations(console_);
		await console_.getByRole('button', { name: '公布战报页面' }).click();
		await console_.waitForURL('**/staff/results?done=publish');
		await staff.close();

		const visitor = await browser.newContext({
			viewport: { width: 390, height: 844 },
			isMobile: true,
		});
		const page = await visitor.newPage();
		page.on('pageerror', (e) => errors.push(e.message));
		const seen: Record<string, unknown> = {};
		for (const [lang, path] of [
			['zh', '/results'],
			['en', '/en/results'],
		] as const) {
			await page.goto(`${server.origin}${path}`);
			seen[lang] = {
				sources: await page.locator('.totals .source').allInnerTexts(),
				reported: await page.locator('.totals dd').allInnerTexts(),
				topSales: await page.locator('#top-sales-title ~ .scroll tbody th a').allInnerTexts(),
				topSalesSource: await page.locator('#top-sales-title + .source').innerText(),
				charts: await page.locator('figure.chart svg').count(),
				tables: await page.locator('figure.chart table').count(),
				wider: await page.evaluate(() => document.documentElement.scrollWidth > innerWidth),
			};
			violations[lang] = await findSeriousA11yViolations(page);
		}
		await visitor.close();

		expect({ stars, refused, kept, saved, seen, violations, errors }).toEqual({
			stars: 1,
			refused: '不能是负数。',
			kept: '320',
			saved: '战报已保存。',
			seen: {
				zh: {
					sources: ['商家填报', '门户统计'],
					reported: ['5', '1', '12,800', '320', '¥45,601', '0', '0', '1'],
					topSales: ['荔枝采摘首场'],
					topSalesSource: '商家填报',
					charts: 7,
					tables: 4,
					wider: false,
				},
				en: {
					sources: ['Reported by the merchant', 'Measured by the portal'],
					reported: ['5', '1', '12,800', '320', '¥45,601', '0', '0', '1'],
					topSales: ['Lychee picking, first session'],
					topSalesSource: 'Reported by the merchant',
					charts: 7,
					tables: 4,
					wider: false,
				},
			},
			violations: { refused: [], console: [], zh: [], en: [] },
			errors: [],
		});
	});
});
