import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import { seedAccessWorld, type AccessWorld } from '../../support/access-factories';
import { createFestivalWorld, createRoom } from '../../support/factories';
import { readPage } from '../../support/html';
import { getQueryCount, startServer, type RunningServer } from '../../support/server';
import { WORLD_NOW } from '../../support/world';

let server: RunningServer;
let world: AccessWorld;
beforeAll(async () => {
	server = await startServer({ seed: (db) => void (world = seedAccessWorld(db)), now: WORLD_NOW });
});
afterAll(() => server?.stop());

const html = async (path: string) => readPage(await (await server.get(path)).text());

describe('GET /api/rooms/status', () => {
	it('answers the phase and times of the public rooms asked for, cacheable for 15 s', async () => {
		const ids = [world.soon.id, world.live.id, world.ended.id, world.submitted.id, 999999];
		const res = await server.get(`/api/rooms/status?ids=${ids.join(',')}`);
		expect([res.status, res.headers.get('cache-control')]).toEqual([200, 'public, max-age=15']);
		expect(await res.json()).toEqual({
			now: Date.parse(WORLD_NOW),
			rooms: [
				{
					id: world.live.id,
					phase: 'live',
					startAt: Date.parse('2026-06-07T11:30:00Z'),
					endAt: Date.parse('2026-06-07T13:00:00Z'),
				},
				{
					id: world.soon.id,
					phase: 'upcoming',
					startAt: Date.parse('2026-06-07T13:00:00Z'),
					endAt: Date.parse('2026-06-07T14:00:00Z'),
				},
				{
					id: world.ended.id,
					phase: 'replay',
					startAt: Date.parse('2026-06-06T00:00:00Z'),
					endAt: Date.parse('2026-06-06T02:00:00Z'),
				},
			],
		});
	});

	it('refuses malformed or too many ids with 400 naming the parameter', async () => {
		const bad = [
			'abc',
			'1,,2',
			'-1',
			'1.5',
			Array.from({ length: 101 }, (_, i) => i + 1).join(','),
		];
		const answers = await Promise.all(
			bad.map(async (ids) => {
				const res = await server.get(`/api/rooms/status?ids=${ids}`);
				return [res.status, ((await res.json()) as { error: { param: string } }).error.param];
			}),
		);
		expect(answers).toEqual(bad.map(() => [400, 'ids']));
	});

	it('runs the same number of SQL statements for one id and for three', async () => {
		const one = await server.get(`/api/rooms/status?ids=${world.live.id}`);
		const three = await server.get(
			`/api/rooms/status?ids=${world.live.id},${world.soon.id},${world.showcase.id}`,
		);
		expect(getQueryCount(three)).toBe(getQueryCount(one));
	});
});

describe('room page', () => {
	it('has the watch button to /go, the star, the calendar link and no replay for a live room', async () => {
		const page = await html(`/rooms/${world.live.id}`);
		expect([
			page.attr('.watch-button', 'href'),
			page.text('.watch-button'),
			page.attr('a.calendar', 'href'),
			page.attr('.room-actions button[data-star-room]', 'aria-label'),
			page.doc.querySelector('a.replay-link'),
		]).toEqual([
			`/go/${world.live.id}`,
			'▶ 进入直播间',
			`/rooms/${world.live.id}.ics`,
			'收藏“荔枝节女装专场”',
			null,
		]);
	});

	it('links the replay of an ended room while it is valid', async () => {
		const page = await html(`/rooms/${world.ended.id}`);
		expect([
			page.attr('a.replay-link', 'href'),
			page.text('a.replay-link'),
			page.text('.watch-button'),
		]).toEqual(['https://example.com/replay.mp4', '观看回放', '▶ 去商家小程序看看']);
	});

	it('says when the replay has expired, and links none', async () => {
		const page = await html(`/rooms/${world.expired.id}`);
		expect([page.text('.replay-expired'), page.doc.querySelector('a.replay-link')]).toEqual([
			'回放已于 6月7日周日 12:00 过期，无法再观看。',
			null,
		]);
	});

	it('is in English under /en', async () => {
		const page = await html(`/en/rooms/${world.live.id}`);
		expect([page.attr('.watch-button', 'href'), page.text('a.calendar')]).toEqual([
			`/en/go/${world.live.id}`,
			'Add to calendar',
		]);
	});
});

describe('list pages', () => {
	it('mark each card for the live refresher and give it a star', async () => {
		// Page 1 of today from its first hour (without a page, today opens at the current hour).
		const page = await html('/schedule?day=2026-06-07&page=1');
		const cards = page.doc.querySelectorAll('article.card');
		expect(
			cards.map((card) => [
				card.querySelector('[data-live-room]')?.getAttribute('data-live-room'),
				card.querySelector('[data-live-room] .badge')?.textContent,
				card.querySelector('button[data-star-room]')?.getAttribute('data-star-room'),
			]),
		).toEqual([
			[String(world.live.id), '直播中', String(world.live.id)],
			[String(world.noRoomId.id), '未开始', String(world.noRoomId.id)],
			[String(world.showcase.id), '未开始', String(world.showcase.id)],
			[String(world.badAppId.id), '未开始', String(world.badAppId.id)],
			[String(world.soon.id), '未开始', String(world.soon.id)],
		]);
	});

	it('run the live refresher on the home page and on today’s schedule only', async () => {
		const islands = async (path: string) =>
			(await html(path)).doc
				.querySelectorAll('astro-island')
				.filter((i) => i.getAttribute('component-url')?.includes('LiveRefresh')).length;
		expect([
			await islands('/'),
			await islands('/schedule?day=2026-06-07'),
			await islands('/schedule?day=2026-06-08'),
		]).toEqual([1, 1, 0]);
	});

	it('link to My festival from the header, in both languages', async () => {
		const [zh, en] = await Promise.all([html('/'), html('/en/')]);
		expect([zh.text('nav a[href="/my"]'), en.text('nav a[href="/en/my"]')]).toEqual([
			'我的直播节',
			'My festival',
		]);
	});
});

describe('/my', () => {
	it('lists the starred rooms by day, marks clashes and counts what is gone', async () => {
		const ids = [
			world.live.id,
			world.showcase.id,
			world.soon.id,
			world.awkward.id,
			world.submitted.id,
		];
		const page = await html(`/my?rooms=${ids.join('-')}`);
		expect(page.texts('.day h2')).toEqual(['2026年6月7日星期日', '2026年6月8日星期一']);
		expect(
			page.doc
				.querySelectorAll('[data-my-room]')
				.map((li) => [
					li.querySelector('h3')!.textContent.replace(/\s+/g, ' ').trim(),
					li.querySelector('.conflict')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
				]),
		).toEqual([
			['荔枝节女装专场', '⚠ 与“区长带你逛越秀”时间冲突'],
			['区长带你逛越秀', '⚠ 与“荔枝节女装专场”、“广式点心现做”时间冲突'],
			['广式点心现做', '⚠ 与“区长带你逛越秀”时间冲突'],
			['早茶, 点心; 还有 第二行', null],
		]);
		expect(page.text('.notice')).toBe('有 1 场收藏的直播已下线或取消。');
	});

	it('offers the list as a webcal subscription, an .ics download and a share link', async () => {
		const page = await html(`/my?rooms=${world.soon.id}-${world.live.id}`);
		const list = `${world.live.id}-${world.soon.id}`;
		const host = server.origin.replace('http://', '');
		expect([
			page.attr('[data-feed="subscribe"]', 'href'),
			page.attr('[data-feed="download"]', 'href'),
			page.attr('#my-share', 'value'),
		]).toEqual([
			`webcal://${host}/my/calendar.ics?rooms=${list}`,
			`/my/calendar.ics?rooms=${list}`,
			`${server.origin}/my?rooms=${list}`,
		]);
	});

	it('without a list, says how to star and keeps the export away', async () => {
		const page = await html('/my');
		expect([page.text('.empty p'), page.doc.querySelector('[data-feed]')]).toEqual([
			'还没有收藏。在任意直播间上点 ☆ 就能加入。',
			null,
		]);
	});

	it('is in English under /en', async () => {
		const page = await html(`/en/my?rooms=${world.live.id}`);
		expect([page.text('h1'), page.attr('[data-feed="download"]', 'href')]).toEqual([
			'My festival',
			`/en/my/calendar.ics?rooms=${world.live.id}`,
		]);
	});
});

describe('/my statement count', () => {
	let servers: RunningServer[] = [];
	const seedRooms = (n: number) => (db: Db) => {
		const w = createFestivalWorld(db);
		for (let i = 0; i < n; i++) {
			createRoom(db, {
				festivalId: w.festival.id,
				merchantId: w.merchant.id,
				districtId: w.district.id,
				categoryId: w.category.id,
				startAt: new Date(Date.UTC(2026, 5, 7, 2 + i)),
			});
		}
	};
	beforeAll(async () => {
		servers = await Promise.all(
			[1, 3].map((n) => startServer({ seed: seedRooms(n), now: WORLD_NOW })),
		);
	});
	afterAll(() => Promise.all(servers.map((s) => s.stop())));

	it('is the same for one starred room and for three', async () => {
		const [one, three] = await Promise.all([
			servers[0]!.get('/my?rooms=1'),
			servers[1]!.get('/my?rooms=1-2-3'),
		]);
		expect([one.status, three.status]).toEqual([200, 200]);
		expect(readPage(await three.text()).doc.querySelectorAll('[data-my-room]').length).toBe(3);
		expect(getQueryCount(three)).toBe(getQueryCount(one));
	});
});
