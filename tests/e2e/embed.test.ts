import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFestival } from '../../db/seed';
import { launchBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

/**
 * End to end, in Chromium: the venue widget renders inside an `<iframe>` on a site listed in
 * EMBED_ORIGINS, and the browser refuses to show it on any other site (frame-ancestors).
 */
const NOW = '2026-06-07T12:00:00Z';

/** A district site: one page that frames the widget. */
function startHostSite(widgetUrl: () => string): Promise<Server> {
	const site = createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
		res.end(
			`<!doctype html><html><head><title>区政府网站</title></head><body>` +
				`<iframe id="w" title="widget" src="${widgetUrl()}" width="320" height="480"></iframe></body></html>`,
		);
	});
	return new Promise((resolve) => site.listen(0, '127.0.0.1', () => resolve(site)));
}

const originOf = (site: Server) => `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

let server: RunningServer;
let browser: Browser;
let allowed: Server;
let refused: Server;

beforeAll(async () => {
	const widget = () => `${server.origin}/embed/venues/liwan`;
	[allowed, refused] = await Promise.all([startHostSite(widget), startHostSite(widget)]);
	[server, browser] = await Promise.all([
		startServer({
			seed: (db) => void seedDemoFestival(db, {}),
			now: NOW,
			env: { EMBED_ORIGINS: originOf(allowed) },
		}),
		launchBrowser(),
	]);
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	allowed?.close();
	refused?.close();
});

/** The widget's frame once it has loaded (or been replaced by the browser's error page). */
async function openHost(site: Server): Promise<{ frame: Frame; refusals: string[] }> {
	const page = await browser.newPage();
	const refusals: string[] = [];
	page.on('console', (m) => {
		if (/frame-ancestors|Refused to frame/i.test(m.text())) refusals.push(m.text());
	});
	await page.goto(originOf(site), { waitUntil: 'load' });
	const frame = page.frames().find((f) => f !== page.mainFrame())!;
	await frame.waitForLoadState('load');
	return { frame, refusals };
}

describe('the embeddable venue widget', () => {
	it('renders inside an iframe on an allowed site, without script or cookie', async () => {
		const { frame, refusals } = await openHost(allowed);
		const headings = await frame.locator('h2').allInnerTexts();
		expect([
			frame.url(),
			await frame.locator('header .title').innerText(),
			headings,
			await frame.locator('script').count(),
			await frame.evaluate(() => document.cookie),
			refusals,
		]).toEqual([
			`${server.origin}/embed/venues/liwan`,
			'荔湾分会场',
			['正在直播', '接下来'],
			0,
			'',
			[],
		]);
	});

	it('is refused by the browser on a site that is not listed', async () => {
		const { frame, refusals } = await openHost(refused);
		expect([
			frame.url() === `${server.origin}/embed/venues/liwan` &&
				(await frame.locator('header .title').count()) > 0,
			refusals.length > 0,
		]).toEqual([false, true]);
	});
});
