import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOpenCounts, USER_AGENTS, type AccessWorld } from '../support/access-factories';
import { findSeriousA11yViolations } from '../support/browser';
import type { RunningServer } from '../support/server';
import { startWeChatStage, type WeChatStage } from '../support/wechat-stage';
import { WORLD_NOW } from '../support/world';

const DAY = '2026-06-07';
const phone = {
	viewport: { width: 390, height: 844 },
	isMobile: true,
	hasTouch: true,
	locale: 'zh-CN',
};

let stage: WeChatStage;
let server: RunningServer;
let browser: Browser;
let world: AccessWorld;
beforeAll(async () => {
	stage = await startWeChatStage();
	({ server, browser, world } = stage);
});
afterAll(() => stage?.close());

/** Waits until the server has counted `expected` opens for a room and channel today. */
async function waitForCount(roomId: number, channel: string, expected: number): Promise<number> {
	const key = `${roomId}/${channel}/${DAY}`;
	const deadline = Date.now() + 5000;
	let seen = readOpenCounts(server.file)[key] ?? 0;
	while (seen !== expected && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 50));
		seen = readOpenCounts(server.file)[key] ?? 0;
	}
	return seen;
}

describe('/go on a phone browser', () => {
	it('tries the scheme once on arrival and counts it', async () => {
		const context = await browser.newContext({ ...phone, userAgent: USER_AGENTS.chromeAndroid });
		const page = await context.newPage();
		const scriptErrors: string[] = [];
		page.on('pageerror', (error) => scriptErrors.push(error.message));
		await page.goto(`${server.origin}/go/${world.live.id}`);
		await page.locator('.launcher[data-launched="scheme"]').waitFor();
		expect(await waitForCount(world.live.id, 'scheme', 1)).toBe(1);
		expect(scriptErrors).toEqual([]);
		await context.close();
	});

	it('does not try again soon after, and counts a tap on the button', async () => {
		// The browser launched this room a minute ago (Back from WeChat, or a reload).
		const context = await browser.newContext({ ...phone, userAgent: USER_AGENTS.safariIos });
		await context.addInitScript(
			(key) => sessionStorage.setItem(key, String(Date.now() - 60_000)),
			`livefest.go.${world.live.id}`,
		);
		const page = await context.newPage();
		await page.goto(`${server.origin}/go/${world.live.id}`);
		await page.locator('.launcher astro-island:not([ssr])').waitFor({ state: 'attached' });
		expect(await page.locator('.launcher[data-launched]').count()).toBe(0);
		expect(await findSeriousA11yViolations(page)).toEqual([]);
		await page.getByRole('link', { name: '打开微信进入直播间' }).click();
		expect(await waitForCount(world.live.id, 'scheme', 2)).toBe(2);
		await context.close();
	});
});

describe('/go in WeChat', () => {
	it("hands WeChat's SDK the server-signed config and counts the open tag's launch", async () => {
		// The real SDK comes from WeChat's domain, which this machine cannot reach: stand in for it
		// (the page's CSP allows that host on /go only) to see what the page gives it.
		const context = await browser.newContext({ ...phone, userAgent: USER_AGENTS.wechatAndroid });
		await context.route('https://res.wx.qq.com/open/js/jweixin-1.6.0.js', (route) =>
			route.fulfill({
				contentType: 'application/javascript',
				body: `window.wx = {
					config(options) { window.__wxConfig = options; setTimeout(() => this._ready && this._ready(), 0); },
					ready(cb) { this._ready = cb; },
					error(cb) { this._error = cb; },
				};`,
			}),
		);
		const page = await context.newPage();
		await page.goto(`${server.origin}/go/${world.live.id}`);
		await page.locator('.launcher[data-open-tag="ready"]').waitFor();
		const signed = JSON.parse(
			(await page.locator('[data-wx-config]').getAttribute('data-wx-config'))!,
		);
		expect(
			await page.evaluate(() => (window as unknown as { __wxConfig: unknown }).__wxConfig),
		).toEqual({
			...signed,
			jsApiList: ['checkJsApi'],
			openTagList: ['wx-open-launch-weapp'],
		});
		expect(await page.locator('.open-tag').isVisible()).toBe(true);
		expect(await page.locator('.wechat-hint').isVisible()).toBe(false);

		await page.locator('wx-open-launch-weapp').dispatchEvent('launch');
		expect(await waitForCount(world.live.id, 'opentag', 1)).toBe(1);

		// WeChat reports that the tag failed: the links below take over.
		await page.locator('wx-open-launch-weapp').dispatchEvent('error');
		await page.locator('.launcher[data-open-tag="failed"]').waitFor();
		expect([
			await page.locator('.open-tag').isVisible(),
			await page.locator('.wechat-hint').isVisible(),
			await page.getByRole('link', { name: '打开商家小程序' }).isVisible(),
		]).toEqual([false, true, true]);
		await context.close();
	});

	it('falls back to the links when the SDK cannot load', async () => {
		const context = await browser.newContext({ ...phone, userAgent: USER_AGENTS.wechatIos });
		await context.route('https://res.wx.qq.com/**', (route) => route.abort('internetdisconnected'));
		const page = await context.newPage();
		await page.goto(`${server.origin}/go/${world.live.id}`);
		await page.locator('.launcher[data-open-tag="failed"]').waitFor();
		expect([
			await page.locator('.open-tag').isVisible(),
			await page.locator('.wechat-hint').innerText(),
			await page.getByRole('link', { name: '打开商家小程序' }).isVisible(),
			await page.getByRole('link', { name: '打开微信进入直播间' }).isVisible(),
		]).toEqual([
			false,
			'如果按钮无法使用，请点右上角“···”，选择“在浏览器打开”，或使用下面的链接。',
			true,
			true,
		]);
		await context.close();
	});
});

describe('live refresh', () => {
	it('updates badges every 30 seconds and pauses while the tab is hidden', async () => {
		const context = await browser.newContext({ ...phone });
		await context.clock.install({ time: new Date(WORLD_NOW) });
		const page = await context.newPage();
		const asked: string[] = [];
		await page.route('**/api/rooms/status?*', async (route) => {
			asked.push(new URL(route.request().url()).search);
			const response = await route.fetch();
			const body = (await response.json()) as { rooms: { id: number; phase: string }[] };
			// The soon room went live early: the plugin says so before the schedule does.
			for (const room of body.rooms) if (room.id === world.soon.id) room.phase = 'live';
			await route.fulfill({ response, json: body });
		});
		await page.goto(`${server.origin}/schedule?day=2026-06-07&page=1`);
		await context.clock.runFor(2000);
		await page.locator('astro-island[component-url*="LiveRefresh"]:not([ssr])').waitFor({
			state: 'attached',
		});
		const soonBadge = page.locator(`[data-live-room="${world.soon.id}"] .badge`);
		expect([asked.length, await soonBadge.innerText()]).toEqual([0, '未开始']);

		await context.clock.runFor(30_000);
		await expect.poll(() => asked.length).toBe(1);
		await expect.poll(() => soonBadge.innerText()).toBe('直播中');
		const ids = [
			world.live.id,
			world.soon.id,
			world.showcase.id,
			world.noRoomId.id,
			world.badAppId.id,
		]
			.sort((a, b) => a - b)
			.join(',');
		expect(asked[0]).toBe(`?ids=${ids}`);

		await page.evaluate(() => {
			Object.defineProperty(document, 'visibilityState', {
				configurable: true,
				get: () => 'hidden',
			});
			document.dispatchEvent(new Event('visibilitychange'));
		});
		await context.clock.runFor(120_000);
		expect(asked.length).toBe(1);

		await page.evaluate(() => {
			Object.defineProperty(document, 'visibilityState', {
				configurable: true,
				get: () => 'visible',
			});
			document.dispatchEvent(new Event('visibilitychange'));
		});
		await context.clock.runFor(100);
		await expect.poll(() => asked.length).toBe(2);
		await page.unrouteAll({ behavior: 'ignoreErrors' });
		await context.close();
	});
});
