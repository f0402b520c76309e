import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { seedSmallWorld, unpublishAll, WORLD_NOW } from '../../support/world';

let server: RunningServer;
let unpublished: RunningServer;
beforeAll(async () => {
	[server, unpublished] = await Promise.all([
		startServer({ seed: seedSmallWorld, now: WORLD_NOW }),
		startServer({ seed: (db) => (seedSmallWorld(db), unpublishAll(db)), now: WORLD_NOW }),
	]);
});
afterAll(async () => {
	await Promise.all([server?.stop(), unpublished?.stop()]);
});

describe('home page', () => {
	it('lists what is live now, only public rooms, in Chinese', async () => {
		const res = await server.get('/');
		const page = readPage(await res.text());
		expect(res.status).toBe(200);
		expect(page.attr('html', 'lang')).toBe('zh-CN');
		expect(page.texts('section[aria-labelledby="live-heading"] h3')).toEqual(['荔枝节女装专场']);
	});

	it('lists rooms starting in the next two hours, soonest first', async () => {
		const page = readPage(await (await server.get('/')).text());
		expect(page.texts('section[aria-labelledby="soon-heading"] h3')).toEqual([
			'区长带你逛越秀',
			'广式点心现做',
		]);
	});

	it('hides the featured section until staff curate', async () => {
		const page = readPage(await (await server.get('/')).text());
		expect(page.doc.querySelector('#featured-heading')).toBeNull();
	});

	it('shows showcase sessions with their hosts', async () => {
		const page = readPage(await (await server.get('/')).text());
		expect(page.texts('section[aria-labelledby="showcase-heading"] .hosts')).toEqual([
			'越秀区副区长 林某、市商务局副局长 陈某',
		]);
	});

	it('counts public rooms per festival day, in the festival zone', async () => {
		const page = readPage(await (await server.get('/')).text());
		expect(page.texts('.hero .chip')).toEqual([
			'6月6日周六 1 场直播',
			'6月7日周日 3 场直播',
			'6月8日周一 0 场直播',
		]);
	});

	it('serves the English page under /en/ with English names', async () => {
		const res = await server.get('/en/');
		const page = readPage(await res.text());
		expect(res.status).toBe(200);
		expect(page.attr('html', 'lang')).toBe('en');
		expect(page.text('h1')).toBe('Test Live Festival');
		expect(page.texts('section[aria-labelledby="live-heading"] h3')).toEqual([
			'Lychee season fashion special',
		]);
	});

	it('says the festival is not announced while it is unpublished', async () => {
		const res = await unpublished.get('/');
		const page = readPage(await res.text());
		expect(res.status).toBe(200);
		expect(page.text('h1')).toBe('直播节尚未公布');
		expect(page.doc.querySelectorAll('article').length).toBe(0);
	});
});
