// Layer: e2e (real Chromium, the built server, 21:40 on the festival's middle day). Issue 15 as a
// citizen meets it: at 320, 390 and 1280 px in both languages no page is wider than the screen
// (a title of 34 "W" included) and every card picture has its size; tonight is one tap away;
// the live rail reaches every live room; a room without a way in says so; a late-night session
// can be submitted; "My festival" follows one's stars; repeated opens count once.
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookie';
import { findSeriousA11yViolations, launchBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';
import {
	LONG_WORD_TITLE,
	seedTonightWorld,
	TONIGHT_NOW,
	type TonightWorld,
} from '../support/tonight-world';

let server: RunningServer;
let browser: Browser;
let w: TonightWorld;
beforeAll(async () => {
	[server, browser] = await Promise.all([
		startServer({ seed: (db) => void (w = seedTonightWorld(db)), now: TONIGHT_NOW }),
		launchBrowser(),
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const WIDTHS = [320, 390, 1280] as const;
const LOCALES = ['zh-cn', 'en'] as const;

async function openContext(width: number, locale: 'zh-cn' | 'en'): Promise<BrowserContext> {
	const phone = width < 1000;
	const context = await browser.newContext({
		viewport: { width, height: phone ? 800 : 900 },
		deviceScaleFactor: phone ? 2 : 1,
		isMobile: phone,
		hasTouch: phone,
		locale: locale === 'en' ? 'en-GB' : 'zh-CN',
	});
	await context.clock.setFixedTime(new Date(TONIGHT_NOW));
	return context;
}

/** How the page fits: overflow past the screen, and pictures without their size. */
async function measure(page: Page) {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const wide = [...document.querySelectorAll('body *')]
			.filter((el) => {
				const box = el.getBoundingClientRect();
				return box.width > 0 && box.right > width + 1 && !el.closest('.rail, .chips');
			})
			.map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
			.slice(0, 5);
		const pictures = [...document.querySelectorAll('img')];
		return {
			scrolls: document.documentElement.scrollWidth > width,
			wide,
			unsized: pictures.filter((i) => !i.getAttribute('width') || !i.getAttribute('height')).length,
			pictures: pictures.length,
		};
	});
}

describe('every public page at 320, 390 and 1280 px, in both languages', () => {
	for (const width of WIDTHS) {
		for (const locale of LOCALES) {
			it(`${width} px, ${locale}: nothing is wider than the screen, the 34-W title wraps, every picture has its size`, async () => {
				const context = await openContext(width, locale);
				const page = await context.newPage();
				const prefix = locale === 'en' ? '/en' : '';
				const paths = [
					`${prefix}/`,
					`${prefix}/schedule`,
					`${prefix}/rooms/${w.rooms.longWord.id}`,
					`${prefix}/search?q=${'w'.repeat(12)}`,
					`${prefix}/showcase`,
					`${prefix}/merchants/${w.shop.id}`,
					`${prefix}/my?rooms=${w.rooms.longWord.id}-${w.rooms.live.id}`,
					`${prefix}/go/${w.rooms.longWord.id}`,
				];
				const seen: Record<string, unknown> = {};
				for (const path of paths) {
					await page.goto(`${server.origin}${path}`);
					await page.waitForLoadState('load');
					seen[path] = await measure(page);
				}
				const title = page; // the last page (/go) shows the long title as its heading
				const heading = await title.locator('h1').boundingBox();
				const myLink = await page.locator(`nav a[href="${prefix}/my"]`).boundingBox();
				const flat = Object.values(seen) as { scrolls: boolean; wide: string[]; unsized: number }[];
				expect({
					overflow: Object.entries(seen).filter(([, m]) => (m as { scrolls: boolean }).scrolls),
					wide: flat.flatMap((m) => m.wide),
					unsized: flat.reduce((n, m) => n + m.unsized, 0),
					titleInside: heading !== null && heading.x + heading.width <= width,
					myFestivalOnScreen: myLink !== null && myLink.x + myLink.width <= width,
				}).toEqual({
					overflow: [],
					wide: [],
					unsized: 0,
					titleInside: true,
					myFestivalOnScreen: true,
				});
				expect((seen[`${prefix}/`] as { pictures: number }).pictures).toBeGreaterThan(3);
				await context.close();
			});
		}
	}
});

describe('tonight in one tap', () => {
	it('on a phone, the schedule opens at the current hour, with what is on now and next, and chips for the evening', async () => {
		const context = await openContext(390, 'zh-cn');
		const page = await context.newPage();
		await page.goto(`${server.origin}/`);
		await page.getByRole('link', { name: '日程' }).click();
		await page.waitForURL('**/schedule');
		const firstHour = await page.locator('.hour h2').first().innerText();
		// One markup, two layouts: the phone's list shows "live now"/"next" tags, not the hours.
		const nowList = await page.locator('.now-next .block .tag').first().isVisible();
		const epg = await page.locator('.now-next .hours').isVisible();
		const cover = page.locator('article.card img').first();
		await cover.evaluate((img: HTMLImageElement) =>
			img.complete ? null : new Promise((resolve) => img.addEventListener('load', resolve)),
		);
		// The phone draws the cover 120 px wide at 2×: the 320 px WebP is the one it loads.
		const loaded = await cover.evaluate((img: HTMLImageElement) =>
			img.naturalWidth > 0 ? img.currentSrc.replace(/^.*-(\d+)\.webp$/, '$1') : null,
		);
		const violations = await findSeriousA11yViolations(page);
		await page.getByRole('link', { name: /晚上/ }).click();
		await page.waitForURL('**/schedule?day=2026-06-07&part=evening');
		expect({
			firstHour,
			nowList,
			epg,
			loaded,
			violations,
			evening: await page.locator('article h3').allInnerTexts(),
		}).toEqual({
			firstHour: '21:00 开始\n现在 21:40',
			nowList: true,
			epg: false,
			loaded: '320',
			violations: [],
			// The evening (18:00–22:00) holds now, so it too opens at the current hour.
			evening: ['荔枝节女装专场', '北京路夜市', LONG_WORD_TITLE],
		});
		await context.close();
	});

	it('on a desktop, an EPG of the districts with a line at now; "jump to now" from another page', async () => {
		const context = await openContext(1280, 'en');
		const page = await context.newPage();
		await page.goto(`${server.origin}/en/schedule`);
		const rows = await page.locator('.now-next .row .name a').allInnerTexts();
		const nowLine = await page.locator('.now-next .now-line').first().boundingBox();
		const track = await page.locator('.now-next .track').first().boundingBox();
		const violations = await findSeriousA11yViolations(page);
		await page.goto(`${server.origin}/en/schedule?day=2026-06-07&page=1`);
		await page.getByRole('link', { name: /Jump to now/ }).click();
		await page.waitForURL('**/en/schedule?day=2026-06-07#now');
		// 21:40 in a window from 20:00 to 01:00: a third of the way along the track.
		const along = (nowLine!.x - track!.x) / track!.width;
		expect({
			rows,
			list: await page.locator('.now-next .block .tag').first().isVisible(),
			along: Math.round(along * 100),
			violations,
			now: await page.locator('#now h2').innerText(),
		}).toEqual({
			rows: ['Yuexiu', 'Tianhe'],
			list: false,
			along: 33,
			violations: [],
			now: 'Starting 21:00\nNow 21:40',
		});
		await context.close();
	});

	it('the home page’s live rail scrolls to every live room, watchable ones first, under the count', async () => {
		const context = await openContext(390, 'zh-cn');
		const page = await context.newPage();
		await page.goto(`${server.origin}/`);
		const rail = page.locator('ul.rail');
		const scrollable = await rail.evaluate((el) => el.scrollWidth > el.clientWidth);
		const last = rail.locator('li').last();
		await last.scrollIntoViewIfNeeded();
		expect({
			count: await page.locator('#live-heading ~ a, .section-head a').first().innerText(),
			scrollable,
			titles: await rail.locator('article h3').allInnerTexts(),
			lastLabel: await last.locator('.no-watch').innerText(),
			lastVisible: await last.isVisible(),
		}).toEqual({
			count: '4 个直播间正在直播',
			scrollable: true,
			titles: [LONG_WORD_TITLE, '荔枝节女装专场', '广式点心现做', '北京路夜市'],
			lastLabel: '暂不能观看',
			lastVisible: true,
		});
		await context.close();
	});
});

describe('a room without any way in, in a browser', () => {
	it('says it cannot be watched yet and offers no dead button', async () => {
		const context = await openContext(390, 'zh-cn');
		const page = await context.newPage();
		await page.goto(`${server.origin}/rooms/${w.rooms.noWayIn.id}`);
		expect([
			await page.locator('.watch-button').count(),
			await page.locator('.no-watch strong').innerText(),
			await findSeriousA11yViolations(page),
		]).toEqual([0, '暂不能观看', []]);
		await context.close();
	});
});

describe('a merchant on a phone', () => {
	it('submits a late-night session that ends after the festival’s last midnight', async () => {
		const context = await openContext(390, 'zh-cn');
		await context.addCookies([
			{ name: SESSION_COOKIE, value: w.tokens.merchant, url: server.origin },
		]);
		const page = await context.newPage();
		await page.goto(`${server.origin}/merchant/rooms/new`);
		await page.getByLabel('直播间标题').fill('最后一夜清仓专场');
		await page.getByLabel('主播昵称').fill('小美');
		await page.getByLabel('开始时间').fill('2026-06-08T23:30');
		await page.getByLabel('结束时间').fill('2026-06-09T01:30');
		await page.getByRole('button', { name: '提交审核' }).click();
		await page.waitForURL('**/merchant/rooms?saved=1');
		const sqlite = new Database(server.file, { readonly: true });
		const row = sqlite
			.prepare("select review_status, end_at from room where title = '最后一夜清仓专场'")
			.get() as { review_status: string; end_at: number };
		sqlite.close();
		expect([row.review_status, new Date(row.end_at).toISOString()]).toEqual([
			'submitted',
			'2026-06-08T17:30:00.000Z',
		]);
		await context.close();
	});
});

describe('My festival and the open counter in a browser', () => {
	it('after unstarring on one’s own list, the address follows, so a reload is still one’s own', async () => {
		const context = await openContext(390, 'en');
		const page = await context.newPage();
		await page.goto(`${server.origin}/en/schedule?day=2026-06-07&page=1`);
		for (const id of [w.rooms.live.id, w.rooms.next.id]) {
			await page.locator(`button[data-star-room="${id}"]`).click();
		}
		await page.goto(`${server.origin}/en/my`);
		await page.waitForURL(`**/en/my?rooms=${w.rooms.live.id}-${w.rooms.next.id}`);
		await page.locator(`button[data-star-room="${w.rooms.next.id}"]`).click();
		await expect.poll(() => new URL(page.url()).search).toBe(`?rooms=${w.rooms.live.id}`);
		await page.reload();
		expect(await page.locator('.shared').count()).toBe(0);
		await context.close();
	});

	it('counts a room opened again and again from one browser once', async () => {
		const context = await openContext(390, 'zh-cn');
		const page = await context.newPage();
		await page.goto(`${server.origin}/go/${w.rooms.teaNow.id}`);
		const count = () => {
			const sqlite = new Database(server.file, { readonly: true });
			const n = sqlite
				.prepare('select coalesce(sum(count), 0) from deeplink_open where room_id = ?')
				.pluck()
				.get(w.rooms.teaNow.id) as number;
			sqlite.close();
			return n;
		};
		const before = count();
		for (let i = 0; i < 5; i += 1) {
			await page.evaluate(
				(api) => fetch(api, { method: 'POST', body: 'scheme', credentials: 'same-origin' }),
				`/api/rooms/${w.rooms.teaNow.id}/open`,
			);
		}
		expect(count() - before).toBe(1);
		await context.close();
	});
});
