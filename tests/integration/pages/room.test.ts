import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { seedSmallWorld, unpublishAll, WORLD_NOW } from '../../support/world';

let server: RunningServer;
let world: ReturnType<typeof seedSmallWorld>;
beforeAll(async () => {
	server = await startServer({ seed: (db) => void (world = seedSmallWorld(db)), now: WORLD_NOW });
});
afterAll(() => server?.stop());

describe('room page', () => {
	it('shows the time in the festival zone with the zone stated', async () => {
		const page = readPage(await (await server.get(`/rooms/${world.live.id}`)).text());
		expect(page.text('h1')).toBe('荔枝节女装专场');
		expect(page.text('.when')).toBe('2026年6月7日星期日 19:30 – 21:00');
		expect(page.text('.zone')).toBe('时间为北京时间 · Asia/Shanghai (UTC+8)');
		expect(page.text('.badge')).toBe('直播中');
		expect(page.text('.countdown')).toBe('还剩 1 小时');
	});

	it('lists products with fixed, range and discount prices', async () => {
		const page = readPage(await (await server.get(`/rooms/${world.live.id}`)).text());
		expect(page.texts('.products .name')).toEqual(['真丝连衣裙', '防晒衫', '草编帽']);
		expect(page.texts('.products strong')).toEqual(['¥128', '¥9.90 – ¥29.90', '¥99']);
		expect(page.texts('.products s')).toEqual(['原价 ¥199']);
	});

	it('embeds a schema.org Event with offsets and a virtual location', async () => {
		const page = readPage(await (await server.get(`/rooms/${world.live.id}`)).text());
		const data = JSON.parse(page.text('script[type="application/ld+json"]'));
		expect(data).toEqual({
			'@context': 'https://schema.org',
			'@type': 'Event',
			name: '荔枝节女装专场',
			description: '夏季新品，直播间专享价。',
			startDate: '2026-06-07T19:30:00+08:00',
			endDate: '2026-06-07T21:00:00+08:00',
			eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
			eventStatus: 'https://schema.org/EventScheduled',
			inLanguage: 'zh-CN',
			location: { '@type': 'VirtualLocation', url: `${server.origin}/rooms/${world.live.id}` },
			url: `${server.origin}/rooms/${world.live.id}`,
			organizer: { '@type': 'Organization', name: '北京路服饰' },
			performer: { '@type': 'Person', name: '小美' },
		});
	});

	it('shows a showcase session with its hosts, in English', async () => {
		const page = readPage(await (await server.get(`/en/rooms/${world.showcase.id}`)).text());
		expect(page.text('h1')).toBe('Touring Yuexiu with the district head');
		expect(page.texts('.hosts li')).toEqual([
			'Lin Deputy Head of Yuexiu District',
			'Chen Deputy Director, Bureau of Commerce',
		]);
	});

	it('tells when an ended room can be replayed', async () => {
		const page = readPage(await (await server.get(`/rooms/${world.ended.id}`)).text());
		expect([page.text('.badge'), page.text('.notice')]).toEqual([
			'可看回放',
			'回放可看至 6月10日周三 00:00',
		]);
	});

	it('links to the same room in the other language', async () => {
		const page = readPage(await (await server.get(`/rooms/${world.live.id}`)).text());
		expect(page.attr('a.lang', 'href')).toBe(`/en/rooms/${world.live.id}`);
	});

	it('answers 404 for rooms that are not public, unknown or malformed ids', async () => {
		const paths = [
			`/rooms/${world.submitted.id}`,
			`/rooms/${world.ofSuspended.id}`,
			'/rooms/999999',
			'/rooms/abc',
			'/rooms/-1',
			'/rooms/01',
			`/rooms/${'9'.repeat(5000)}`,
			'/fr/rooms/1',
		];
		const statuses = await Promise.all(paths.map(async (p) => (await server.get(p)).status));
		expect(statuses).toEqual(paths.map(() => 404));
	});

	it('renders the real not-found page, in the language of the URL', async () => {
		const zh = readPage(await (await server.get('/rooms/999999')).text());
		const en = readPage(await (await server.get('/en/rooms/999999')).text());
		expect([zh.text('h1'), en.text('h1')]).toEqual(['找不到这个页面', 'Page not found']);
	});
});

describe('room page of an unpublished festival', () => {
	let hidden: RunningServer;
	let ids: ReturnType<typeof seedSmallWorld>;
	beforeAll(async () => {
		hidden = await startServer({
			seed: (db) => {
				ids = seedSmallWorld(db);
				unpublishAll(db);
			},
			now: WORLD_NOW,
		});
	});
	afterAll(() => hidden?.stop());

	it('is not public', async () => {
		const statuses = await Promise.all(
			[`/rooms/${ids.live.id}`, `/merchants/${ids.shop.id}`, '/schedule', '/showcase'].map(
				async (p) => (await hidden.get(p)).status,
			),
		);
		expect(statuses).toEqual([404, 404, 404, 404]);
	});
});
