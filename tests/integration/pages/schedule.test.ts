import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { seedSmallWorld, WORLD_NOW } from '../../support/world';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({ seed: seedSmallWorld, now: WORLD_NOW });
});
afterAll(() => server?.stop());

const titles = async (path: string) =>
	readPage(await (await server.get(path)).text()).texts('article h3');

describe('schedule', () => {
	it('opens on today while the festival is on, at the current hour, grouped by starting hour', async () => {
		const page = readPage(await (await server.get('/schedule')).text());
		const whole = readPage(await (await server.get('/schedule?day=2026-06-07&page=1')).text());
		expect(page.attr('.chip[aria-current="page"]', 'href')).toBe('/schedule?day=2026-06-07');
		expect([
			page.texts('.hour h2'),
			page.attr('.hour#now h2', 'id'),
			page.texts('article h3'),
			page.attr('a[rel="prev"]', 'href'),
		]).toEqual([
			['20:00 开始 现在 20:00', '21:00 开始'],
			'h-20',
			['区长带你逛越秀', '广式点心现做'],
			'/schedule?day=2026-06-07&page=1',
		]);
		expect([whole.texts('.hour h2'), whole.texts('article h3')]).toEqual([
			['19:00 开始', '20:00 开始 现在 20:00', '21:00 开始'],
			['荔枝节女装专场', '区长带你逛越秀', '广式点心现做'],
		]);
	});

	it('shows the chosen day', async () => {
		expect(await titles('/schedule?day=2026-06-06')).toEqual(['早茶一盅两件']);
	});

	it('filters by district, category, kind and phase', async () => {
		expect(await titles('/schedule?day=2026-06-07&district=tianhe')).toEqual(['广式点心现做']);
		expect(await titles('/schedule?day=2026-06-07&category=fashion&page=1')).toEqual([
			'荔枝节女装专场',
			'区长带你逛越秀',
		]);
		expect(await titles('/schedule?day=2026-06-07&kind=showcase')).toEqual(['区长带你逛越秀']);
		expect(await titles('/schedule?day=2026-06-07&phase=live')).toEqual(['荔枝节女装专场']);
		expect(await titles('/schedule?day=2026-06-06&phase=ended')).toEqual(['早茶一盅两件']);
	});

	it('keeps the other filters in the day links and the form', async () => {
		const page = readPage(
			await (await server.get('/schedule?day=2026-06-07&district=tianhe&phase=upcoming')).text(),
		);
		const days = page.doc.querySelectorAll('.chips:not(.parts) a');
		expect(days.map((a) => a.getAttribute('href'))).toEqual([
			'/schedule?day=2026-06-06&district=tianhe&phase=upcoming',
			'/schedule?day=2026-06-07&district=tianhe&phase=upcoming',
			'/schedule?day=2026-06-08&district=tianhe&phase=upcoming',
		]);
		expect(page.attr('select[name="district"] option[selected]', 'value')).toBe('tianhe');
		expect(page.attr('select[name="phase"] option[selected]', 'value')).toBe('upcoming');
		expect(page.attr('input[name="day"]', 'value')).toBe('2026-06-07');
	});

	it('answers malformed parameters with the default view and says what it ignored', async () => {
		const long = 'x'.repeat(5000);
		const res = await server.get(`/schedule?day=2026-13-45&district=mars&page=-1&category=${long}`);
		const page = readPage(await res.text());
		expect(res.status).toBe(200);
		expect(page.text('.notice')).toBe('部分参数无效，已忽略：page, day, district, category');
		expect(page.texts('article h3')).toEqual(['荔枝节女装专场', '区长带你逛越秀', '广式点心现做']);
	});

	it('shows an empty state when nothing matches', async () => {
		const page = readPage(await (await server.get('/schedule?day=2026-06-08')).text());
		expect(page.text('.empty')).toBe('没有符合条件的直播。试试放宽筛选条件。');
	});

	it('serves the English schedule with English names', async () => {
		const page = readPage(
			await (await server.get('/en/schedule?day=2026-06-07&district=tianhe')).text(),
		);
		expect(page.texts('article h3')).toEqual(['Dim sum made live']);
		expect(page.text('.hour h2')).toBe('Starting 21:00 Now 20:00');
	});
});
