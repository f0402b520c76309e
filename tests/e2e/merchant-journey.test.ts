import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCreditCodeCheckChar } from '../../src/lib/shared/credit-code';
import { findSeriousA11yViolations, launchBrowser } from '../support/browser';
import { createFestivalWorld } from '../support/factories';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
	[server, browser] = await Promise.all([
		startServer({ seed: (db) => void createFestivalWorld(db), now: '2026-06-05T04:00:00Z' }),
		launchBrowser(),
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const code = (body: string) => body + computeCreditCodeCheckChar(body);

async function journey(page: Page, n: number, scan: boolean): Promise<Record<string, unknown>> {
	const violations: Record<string, unknown[]> = {};
	// axe-core runs as a script in the page, so the scan needs JavaScript.
	const findSeriousA11yViolationsIfScripted = async (p: Page) =>
		scan ? findSeriousA11yViolations(p) : [];
	await page.goto(`${server.origin}/merchant`);
	await page.waitForURL('**/merchant/login?next=%2Fmerchant');
	await page.getByRole('link', { name: '还没有账号？注册商家账号' }).click();
	await page.waitForURL('**/merchant/signup');
	await page.getByLabel('电子邮箱').fill(`shop${n}@example.com`);
	await page.getByLabel('密码', { exact: true }).fill('Lychee-Season-2026');
	await page.getByLabel('再次输入密码').fill('Lychee-Season-2026');
	violations.signup = await findSeriousA11yViolationsIfScripted(page);
	await page.getByRole('button', { name: '注册' }).click();
	await page.waitForURL('**/merchant/register');

	await page.getByLabel('企业名称（营业执照上的全称）').fill(`广州荔枝贸易有限公司${n}`);
	await page.getByLabel('展示名称（中文）').fill(`荔枝小店${n}`);
	await page.getByLabel('统一社会信用代码').fill(code(`91440101MA59ABCD${n}`));
	await page.getByLabel('所在区').selectOption({ index: 1 });
	await page.getByLabel('经营品类').selectOption({ index: 1 });
	await page.getByLabel('联系人', { exact: true }).fill('陈先生');
	await page.getByLabel('联系人手机号').fill('13800138000');
	await page.getByLabel('小程序 AppID').fill('wx0123456789abcdef');
	await page.getByLabel('打开直播间的小程序页面路径').fill('/pages/live/room');
	await page.getByRole('button', { name: '提交审核' }).click();
	// The server refuses the leading slash and says so next to the field, keeping the rest.
	const pathError = await page.locator('#f-roomPagePath-error').innerText();
	const keptName = await page.getByLabel('展示名称（中文）').inputValue();
	violations.registerError = await findSeriousA11yViolationsIfScripted(page);
	await page.getByLabel('打开直播间的小程序页面路径').fill('pages/live/room');
	await page.getByRole('button', { name: '提交审核' }).click();
	await page.waitForURL('**/merchant/register?saved=pending');
	const businessStatus = await page.locator('.status .badge').innerText();

	await page.getByRole('link', { name: '我的直播间' }).click();
	await page.getByRole('link', { name: '新建直播间' }).click();
	await page.waitForURL('**/merchant/rooms/new');
	await page.getByLabel('直播间标题').fill('广式点心现做');
	await page.getByLabel('主播昵称').fill('陈师傅');
	await page.getByLabel('开始时间').fill('2026-06-07T19:30');
	await page.getByLabel('结束时间').fill('2026-06-07T21:00');
	await page.getByLabel('商品 1 名称').fill('虾饺礼盒');
	await page.getByLabel('商品 1 价格（元）').fill('68');
	violations.roomForm = await findSeriousA11yViolationsIfScripted(page);
	await page.getByRole('button', { name: '提交审核' }).click();
	await page.waitForURL('**/merchant/rooms?saved=1');
	violations.rooms = await findSeriousA11yViolationsIfScripted(page);
	return {
		pathError,
		keptName,
		businessStatus,
		notice: await page.locator('[role=status]').innerText(),
		rooms: await page.locator('.room h2').allInnerTexts(),
		badges: await page.locator('.room .badge').allInnerTexts(),
		header: await page.locator('.account').innerText(),
		violations,
	};
}

describe('a merchant on a phone', () => {
	for (const [n, javaScriptEnabled] of [
		[1, true],
		[2, false],
	] as const) {
		it(`signs up, registers, submits a room and sees it pending (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
			const context = await browser.newContext({
				viewport: { width: 390, height: 844 },
				isMobile: true,
				hasTouch: true,
				locale: 'zh-CN',
				javaScriptEnabled,
			});
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(e.message));
			const result = await journey(page, n, javaScriptEnabled);
			await context.close();
			expect({ ...result, errors }).toEqual({
				pathError: '页面路径开头不要加 /，例如 pages/live/room。',
				keptName: `荔枝小店${n}`,
				businessStatus: '审核中',
				notice: '直播间已提交，等待审核。',
				rooms: ['广式点心现做'],
				badges: ['待审核'],
				header: `荔枝小店${n}`,
				violations: { signup: [], registerError: [], roomForm: [], rooms: [] },
				errors: [],
			});
		});
	}
});
