import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFestival } from '../../../db/seed';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({
		seed: (db) => void seedDemoFestival(db, {}),
		now: '2026-06-07T12:00:00Z',
	});
});
afterAll(() => server?.stop());

const page = async (path: string) => readPage(await (await server.get(path)).text());

describe('/search without JavaScript', () => {
	it('renders results, the count and facet links that keep the query', async () => {
		const p = await page(`/search?q=${encodeURIComponent('凉茶')}`);
		expect(p.attr('#search-q', 'value')).toBe('凉茶');
		expect(p.text('.status')).toMatch(/^找到 \d+ 场直播$/);
		expect(p.doc.querySelectorAll('#search-results h2 a').length).toBe(20);
		expect(p.doc.querySelectorAll('.facet a').map((a) => a.getAttribute('href'))[0]).toBe(
			`/search?q=${encodeURIComponent('凉茶')}&phase=live`,
		);
		expect(p.doc.querySelector('#search-results mark')?.textContent).toBe('凉茶');
	});

	it('says what it found instead when nothing matched a homophone typo, marking that word', async () => {
		const [zh, en] = await Promise.all([
			page(`/search?q=${encodeURIComponent('旗泡')}`),
			page(`/en/search?q=${encodeURIComponent('旗泡')}`),
		]);
		expect([zh.text('.heard'), en.text('.heard'), zh.text('#search-results h2 a mark')]).toEqual([
			'没有找到“旗泡”，已显示“旗袍”的结果。',
			'Nothing matches “旗泡”; showing results for “旗袍”.',
			'旗袍',
		]);
	});

	it('renders the plain search field of a page without JavaScript: no combobox', async () => {
		const p = await page(`/search?q=${encodeURIComponent('凉茶')}`);
		expect([p.attr('#search-q', 'role'), p.attr('#search-q', 'aria-controls')]).toEqual([
			undefined,
			'search-results',
		]);
	});

	it('keeps a selected filter and offers to remove it when nothing matches', async () => {
		const p = await page(`/search?q=${encodeURIComponent('凉茶')}&kind=showcase&district=conghua`);
		expect(p.text('.empty')).toBe('没有找到与“凉茶”相关的直播。');
		expect(p.texts('.empty-state .chips a')).toEqual(['去掉“从化”再试', '去掉“政府直播”再试']);
		expect(p.attr('select[name="district"] option[selected]', 'value')).toBe('conghua');
	});

	it('shows how to search and what is live when nothing was asked', async () => {
		const p = await page('/search');
		expect(p.text('.empty-state h2')).toBe('想看什么直播？');
		expect(p.doc.querySelectorAll('.empty-state .results li').length).toBe(6);
	});

	it('drops invalid filters with a notice instead of failing', async () => {
		const res = await server.get(`/search?q=a&day=2026-13-45&page=-3`);
		const p = readPage(await res.text());
		expect([res.status, p.text('.notice')]).toEqual([200, '部分参数无效，已忽略：page, day']);
	});

	it('has a search box in the header of other pages that leads here', async () => {
		const p = await page('/schedule');
		expect([
			p.attr('header form[role="search"]', 'action'),
			p.attr('#site-search', 'name'),
		]).toEqual(['/search', 'q']);
		const en = await page('/en/');
		expect(en.attr('header form[role="search"]', 'action')).toBe('/en/search');
	});
});
