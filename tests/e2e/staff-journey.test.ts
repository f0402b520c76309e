import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { findSeriousA11yViolations, launchBrowser } from '../support/browser';
import {
	createFestivalWorld,
	createMerchant,
	createRoom,
	createUser,
	TEST_PASSWORD,
} from '../support/factories';
import { startServer, type RunningServer } from '../support/server';
import { CONSOLE_NOW, createStaffUser } from '../support/staff-factories';
import { CHANGE_POLL_MS } from '../../src/serve/change-feed';
import { STALENESS_BOUND_MS } from '../../src/serve/serving-layer';

let server: RunningServer;
let browser: Browser;

function seed(db: Db): void {
	const w = createFestivalWorld(db);
	const owner = createUser(db, { email: 'shop@example.com' });
	createMerchant(db, {
		ownerUserId: owner.id,
		districtId: w.district.id,
		categoryId: w.category.id,
		nameZh: '荔枝小店',
		status: 'approved',
	});
	// Already featured on the day, so the new room's place in the order can be changed by dragging.
	createRoom(db, {
		festivalId: w.festival.id,
		merchantId: w.merchant.id,
		districtId: w.district.id,
		categoryId: w.category.id,
		title: '早茶一盅两件',
		featuredRank: 1,
		startAt: new Date('2026-06-07T11:00:00Z'),
	});
	createStaffUser(db, 'staff', 'reviewer@bureau.gov.cn');
}

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer({ seed, now: CONSOLE_NOW }), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function submitRoomAsMerchant(): Promise<string> {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		locale: 'zh-CN',
	});
	const page = await context.newPage();
	await page.goto(`${server.origin}/merchant/login`);
	await page.getByLabel('电子邮箱').fill('shop@example.com');
	await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForURL('**/merchant');
	await page.goto(`${server.origin}/merchant/rooms/new`);
	await page.getByLabel('直播间标题').fill('荔枝蜜现场开罐');
	await page.getByLabel('主播昵称').fill('陈师傅');
	await page.getByLabel('开始时间').fill('2026-06-07T19:30');
	await page.getByLabel('结束时间').fill('2026-06-07T21:00');
	// Linked to its WeChat live room, so citizens can watch it (and staff may feature it).
	await page.getByLabel('微信直播间 ID').fill('1234');
	await page.getByLabel('商品 1 名称').fill('从化荔枝蜜');
	await page.getByLabel('商品 1 价格（元）').fill('68');
	await page.getByRole('button', { name: '提交审核' }).click();
	await page.waitForURL('**/merchant/rooms?saved=1');
	const badge = await page.locator('.room .badge').first().innerText();
	await context.close();
	return badge;
}

/** The home page's featured rooms as a visitor sees them once the writes so far reached the cache. */
async function homeFeatured(page: Page): Promise<string[]> {
	const deadline = Date.now() + STALENESS_BOUND_MS;
	await new Promise((r) => setTimeout(r, CHANGE_POLL_MS + 100));
	while ((await page.goto(`${server.origin}/`))?.headers()['x-cache'] === 'STALE') {
		if (Date.now() > deadline) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	return page.locator('section[aria-labelledby=featured-heading] h3').allInnerTexts();
}

describe('the bureau at work', () => {
	it('staff approve the room a merchant submitted, feature it, and it appears on the public home page', async () => {
		const merchantBadge = await submitRoomAsMerchant();
		const visitor = await browser.newPage();
		const before = await homeFeatured(visitor);

		const context = await browser.newContext({
			viewport: { width: 1280, height: 900 },
			locale: 'zh-CN',
		});
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		const violations: Record<string, unknown[]> = {};
		// A signed-out visit to the console shows its sign-in form in place, then the page itself.
		const gate = await page.goto(`${server.origin}/staff/review`);
		await page.getByLabel('电子邮箱').fill('reviewer@bureau.gov.cn');
		await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL('**/staff/review');
		violations.queue = await findSeriousA11yViolations(page);
		await page.getByRole('link', { name: '荔枝蜜现场开罐' }).click();
		await page.waitForURL('**/staff/review/room/*');
		violations.room = await findSeriousA11yViolations(page);
		await page.getByRole('button', { name: '通过', exact: true }).click();
		await page.waitForURL('**/staff/review?decided=approved*');
		const decided = await page.locator('[role=status]').first().innerText();

		await page.getByRole('link', { name: '首页精选' }).click();
		await page.waitForURL('**/staff/featured');
		await page
			.locator('li', { hasText: '荔枝蜜现场开罐' })
			.getByRole('button', { name: /加入精选/ })
			.click();
		await page.waitForURL('**/staff/featured?day=2026-06-07&saved=1');
		const afterAdd = await page.locator('ol.featured li strong').allInnerTexts();
		violations.featured = await findSeriousA11yViolations(page);
		// Drag the new room above the one already featured: the island saves the new order.
		await page
			.locator('ol.featured li', { hasText: '荔枝蜜现场开罐' })
			.dragTo(page.locator('ol.featured li', { hasText: '早茶一盅两件' }));
		await page.waitForURL('**/staff/featured?day=2026-06-07&saved=1', { waitUntil: 'load' });
		await page.waitForFunction(
			() => document.querySelector('ol.featured li strong')?.textContent === '荔枝蜜现场开罐',
		);
		const afterDrag = await page.locator('ol.featured li strong').allInnerTexts();

		const after = await homeFeatured(visitor);
		await context.close();
		await visitor.close();
		expect({
			merchantBadge,
			gate: gate?.status(),
			decided,
			before,
			afterAdd,
			afterDrag,
			after,
			violations,
			errors,
		}).toEqual({
			merchantBadge: '待审核',
			gate: 403,
			decided: '直播间 #2 已改为“已通过”。查看',
			before: ['早茶一盅两件'],
			afterAdd: ['早茶一盅两件', '荔枝蜜现场开罐'],
			afterDrag: ['荔枝蜜现场开罐', '早茶一盅两件'],
			after: ['荔枝蜜现场开罐', '早茶一盅两件'],
			violations: { queue: [], room: [], featured: [] },
			errors: [],
		});
	});

	it('without JavaScript, the featured order changes with the move buttons', async () => {
		const context = await browser.newContext({
			viewport: { width: 390, height: 844 },
			locale: 'zh-CN',
			javaScriptEnabled: false,
		});
		const page = await context.newPage();
		await page.goto(`${server.origin}/staff-login`);
		await page.getByLabel('电子邮箱').fill('reviewer@bureau.gov.cn');
		await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL('**/staff');
		await page.goto(`${server.origin}/staff/featured`);
		const handles = await page.locator('.handle').count();
		await page.getByRole('button', { name: '下移: 荔枝蜜现场开罐' }).click();
		await page.waitForURL('**/staff/featured?day=2026-06-07&saved=1');
		const order = await page.locator('ol.featured li strong').allInnerTexts();
		await context.close();
		expect([handles, order]).toEqual([0, ['早茶一盅两件', '荔枝蜜现场开罐']]);
	});
});
