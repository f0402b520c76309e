import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_AGENTS, type AccessWorld } from '../support/access-factories';
import type { RunningServer } from '../support/server';
import { startWeChatStage, type WeChatStage } from '../support/wechat-stage';
import { WORLD_NOW } from '../support/world';

/**
 * E2E: the Content-Security-Policy (src/lib/server/security/csp.ts) in Chromium. The pages run
 * everything they need — island hydration, the shared star script, WeChat's SDK on /go — without
 * a single violation, and script injected into a page does not run.
 */
let stage: WeChatStage;
let server: RunningServer;
let browser: Browser;
let world: AccessWorld;
beforeAll(async () => {
	stage = await startWeChatStage();
	({ server, browser, world } = stage);
});
afterAll(() => stage?.close());

interface Violation {
	page: string;
	directive: string;
	blocked: string;
}

/**
 * A phone whose clock reads the evening the server is pinned to, recording every CSP violation
 * (the DOM event, through an init script, which CSP does not govern) and every console message
 * about the policy.
 */
async function watchedPhone(userAgent?: string): Promise<{
	context: BrowserContext;
	page: Page;
	violations: () => Promise<Violation[]>;
	consoleErrors: string[];
}> {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true,
		locale: 'zh-CN',
		...(userAgent ? { userAgent } : {}),
	});
	await context.clock.install({ time: new Date(WORLD_NOW) });
	await context.addInitScript(() => {
		const seen: unknown[] = JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]');
		document.addEventListener('securitypolicyviolation', (e) => {
			seen.push({
				page: location.pathname,
				directive: e.effectiveDirective,
				blocked: e.blockedURI,
			});
			sessionStorage.setItem('csp-violations', JSON.stringify(seen));
		});
	});
	const page = await context.newPage();
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text()))
			consoleErrors.push(message.text());
	});
	page.on('pageerror', (error) => consoleErrors.push(error.message));
	const violations = () =>
		page.evaluate(
			() => JSON.parse(sessionStorage.getItem('csp-violations') ?? '[]') as Violation[],
		);
	return { context, page, violations, consoleErrors };
}

/** Waits until every island on the page has hydrated (Astro drops `ssr` when it has). */
async function islandsHydrated(page: Page): Promise<number> {
	const islands = page.locator('astro-island');
	// On a loaded machine the page's body may still be arriving when `goto` returns.
	await expect.poll(() => islands.count()).toBeGreaterThan(0);
	await expect.poll(() => page.locator('astro-island[ssr]').count()).toBe(0);
	return islands.count();
}

describe('the CSP in a browser', () => {
	it('lets every public page run its own scripts, with no violation', async () => {
		const { context, page, violations, consoleErrors } = await watchedPhone();
		const hydrated: Record<string, number> = {};

		await page.goto(`${server.origin}/`);
		hydrated['/'] = await islandsHydrated(page);

		// The star buttons are hidden until the shared (bundled) star script enhances them.
		await page.goto(`${server.origin}/schedule?day=2026-06-07`);
		hydrated['/schedule'] = await islandsHydrated(page);
		const star = page.locator(`button[data-star-room="${world.soon.id}"]`);
		await star.click();
		expect(await star.getAttribute('aria-pressed')).toBe('true');

		// The countdown island keeps ticking: ten minutes later it says so.
		await page.goto(`${server.origin}/rooms/${world.soon.id}`);
		hydrated['/rooms'] = await islandsHydrated(page);
		const countdown = page.locator('.countdown');
		const before = await countdown.innerText();
		await page.clock.runFor(10 * 60_000);
		await expect.poll(() => countdown.innerText()).toBe('50 分钟后开始');
		expect(before).toBe('1 小时后开始');

		// Search as you type: the island asks the API and redraws without a page load.
		await page.goto(`${server.origin}/search`);
		hydrated['/search'] = await islandsHydrated(page);
		await page.getByRole('combobox', { name: '搜索直播间' }).pressSequentially('nvzhuang', {
			delay: 30,
		});
		await page.waitForURL(/q=nvzhuang/);
		await expect
			.poll(() => page.locator('#search-results h2 a').first().innerText())
			.toBe('荔枝节女装专场');

		// My festival: the island reads what was starred on /schedule.
		await page.goto(`${server.origin}/my`);
		hydrated['/my'] = await islandsHydrated(page);
		await expect
			.poll(() => page.getByRole('heading', { name: '广式点心现做' }).count())
			.toBeGreaterThan(0);

		await page.goto(`${server.origin}/go/${world.live.id}`);
		hydrated['/go'] = await islandsHydrated(page);

		expect({ hydrated, violations: await violations(), consoleErrors }).toEqual({
			hydrated: { '/': 1, '/schedule': 1, '/rooms': 1, '/search': 1, '/my': 2, '/go': 1 },
			violations: [],
			consoleErrors: [],
		});
		await context.close();
	});

	it("lets /go load WeChat's SDK and run the open tag inside WeChat", async () => {
		const { context, page, violations, consoleErrors } = await watchedPhone(
			USER_AGENTS.wechatAndroid,
		);
		// WeChat's host is out of reach here: stand in for the SDK at its real address.
		await context.route('https://res.wx.qq.com/open/js/jweixin-1.6.0.js', (route) =>
			route.fulfill({
				contentType: 'application/javascript',
				body: `window.wx = {
					config() { setTimeout(() => this._ready && this._ready(), 0); },
					ready(cb) { this._ready = cb; },
					error() {},
				};`,
			}),
		);
		await page.goto(`${server.origin}/go/${world.live.id}`);
		await page.locator('.launcher[data-open-tag="ready"]').waitFor();
		expect({ violations: await violations(), consoleErrors }).toEqual({
			violations: [],
			consoleErrors: [],
		});
		await context.close();
	});

	it('blocks script injected into a page: inline, in an attribute, eval and other hosts', async () => {
		const { context, page, violations } = await watchedPhone();
		await context.route('https://cdn.example/evil.js', (route) =>
			route.fulfill({ contentType: 'application/javascript', body: 'window.__ran.push("host")' }),
		);
		await page.goto(`${server.origin}/rooms/${world.live.id}`);
		await islandsHydrated(page);
		await page.evaluate(async () => {
			(window as unknown as { __ran: string[] }).__ran = [];
			const inline = document.createElement('script');
			inline.textContent = 'window.__ran.push("inline")';
			document.body.append(inline);
			const box = document.createElement('div');
			box.innerHTML = '<img src="data:," onerror="window.__ran.push(\'attribute\')">';
			document.body.append(box);
			// Later, from a timer: code run by page.evaluate itself may eval (DevTools is exempt).
			setTimeout(() => {
				try {
					eval('window.__ran.push("eval")');
				} catch {
					// Refused: no 'unsafe-eval'.
				}
			}, 0);
			const external = document.createElement('script');
			external.src = 'https://cdn.example/evil.js';
			document.body.append(external);
			// Time for the other host's script to arrive (it is fulfilled locally).
			await new Promise((resolve) => setTimeout(resolve, 300));
		});
		await page.clock.runFor(500);
		expect({
			ran: await page.evaluate(() => (window as unknown as { __ran: string[] }).__ran),
			directives: (await violations()).map((v) => `${v.directive} ${v.blocked}`).sort(),
		}).toEqual({
			ran: [],
			directives: [
				'script-src eval',
				'script-src-attr inline',
				'script-src-elem https://cdn.example/evil.js',
				'script-src-elem inline',
			],
		});
		await context.close();
	});
});
