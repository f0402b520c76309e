import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoFestival } from '../../../db/seed';
import type { SearchApiResponse, SuggestApiResponse } from '../../../src/lib/shared/search-types';
import { startServer, type RunningServer } from '../../support/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer({
		seed: (db) => void seedDemoFestival(db, {}),
		now: '2026-06-07T12:00:00Z',
	});
});
afterAll(() => server?.stop());

const api = async (query: string) => {
	const res = await server.get(`/api/search?${query}`);
	return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
};

describe('GET /api/search', () => {
	it('answers with the engine, totals, hits and facets', async () => {
		const { status, type, body } = await api(`q=${encodeURIComponent('点心')}`);
		const result = body as SearchApiResponse;
		expect([status, type, result.engine, result.page]).toEqual([
			200,
			'application/json; charset=utf-8',
			'fts5',
			1,
		]);
		expect(result.total).toBeGreaterThan(20);
		expect(result.hits.length).toBe(20);
		expect(Object.keys(result.hits[0]!).sort()).toEqual([
			'anchor',
			'category',
			'cover',
			'district',
			'endsAt',
			'highlight',
			'id',
			'kind',
			'merchant',
			'phase',
			'startsAt',
			'title',
			'url',
			'watchable',
		]);
		// Every hit's cover has its size (the demo's rooms carry generated covers).
		const covers = result.hits.flatMap((h) => (h.cover ? [h.cover] : []));
		expect([
			covers.length > 10,
			covers.every((c) => c.width === 320 && c.height === 240 && c.srcset.includes(' 640w')),
		]).toEqual([true, true]);
		expect(result.hits[0]!.highlight.title).toContain('<mark>点心</mark>');
		expect(result.hits[0]!.url).toBe(`/rooms/${result.hits[0]!.id}`);
		expect(result.facets.day.map((d) => d.count).reduce((a, b) => a + b)).toBe(result.total);
	});

	it('finds the same best room for Chinese and its pinyin', async () => {
		const [zh, full] = await Promise.all([
			api(`q=${encodeURIComponent('女装')}`),
			api('q=nvzhuang'),
		]);
		expect(full.body.hits[0].id).toBe(zh.body.hits[0].id);
	});

	it('applies filters and keeps the other facets counted', async () => {
		const all = (await api(`q=${encodeURIComponent('凉茶')}`)).body as SearchApiResponse;
		const liwan = (await api(`q=${encodeURIComponent('凉茶')}&district=liwan`))
			.body as SearchApiResponse;
		const liwanCount = all.facets.district.find((d) => d.value === 'liwan')!.count;
		expect(liwan.total).toBe(liwanCount);
		expect(liwan.hits.every((h) => h.district === '荔湾')).toBe(true);
		expect(liwan.facets.district).toEqual(all.facets.district);
	});

	it('answers in English with lang=en', async () => {
		const { body } = await api('q=dim%20sum&lang=en');
		expect(body.hits[0].url).toBe(`/en/rooms/${body.hits[0].id}`);
		expect(body.facets.kind.map((k: { label: string }) => k.label)).toEqual([
			'Merchant',
			'Official showcase',
		]);
	});

	it("narrows to a venue's rooms, every facet counted within it", async () => {
		const [all, liwan, browse] = await Promise.all([
			api(`q=${encodeURIComponent('凉茶')}`),
			api(`q=${encodeURIComponent('凉茶')}&venue=liwan`),
			api('venue=time-honoured'),
		]);
		const a = all.body as SearchApiResponse;
		const v = liwan.body as SearchApiResponse;
		const b = browse.body as SearchApiResponse;
		expect([
			v.total,
			v.hits.every((h) => h.district === '荔湾'),
			Object.fromEntries(
				v.facets.district.filter((d) => d.count > 0).map((d) => [d.value, d.count]),
			),
			b.total > 0,
			b.hits.every((h) => h.category === '老字号'),
		]).toEqual([
			a.facets.district.find((d) => d.value === 'liwan')!.count,
			true,
			{ liwan: v.total },
			true,
			true,
		]);
	});

	it('names the parameter that is wrong with a 400', async () => {
		const cases = [
			'day=2026-13-45',
			'district=mars',
			'category=x',
			'kind=shop',
			'phase=soon',
			'page=-1',
			'page=abc',
			'lang=fr',
			'venue=nowhere',
		];
		const answers = await Promise.all(cases.map((c) => api(`q=a&${c}`)));
		expect(answers.map((a) => [a.status, a.body.error.param])).toEqual([
			[400, 'day'],
			[400, 'district'],
			[400, 'category'],
			[400, 'kind'],
			[400, 'phase'],
			[400, 'page'],
			[400, 'page'],
			[400, 'lang'],
			[400, 'venue'],
		]);
	});

	it('never fails on hostile or strange queries', async () => {
		const queries = [
			'"',
			'*',
			'NEAR(a b)',
			"'; DROP TABLE room; --",
			'title:女装',
			'女装 OR 1=1',
			'😀🎉女装',
			'\u0000\u0007\u001b',
			'a'.repeat(10_000),
			'字'.repeat(10_000),
			'(((',
			'AND',
			'-',
			'^',
			'%',
			'\\',
		];
		const answers = await Promise.all(
			queries.map((q) => server.get(`/api/search?q=${encodeURIComponent(q)}`)),
		);
		// 10,000 Han characters are 90 kB of URL: Node refuses the request line (431) before any
		// code of ours runs; everything else is answered.
		expect(answers.map((a) => a.status)).toEqual(
			queries.map((q) => (q === '字'.repeat(10_000) ? 431 : 200)),
		);
	});

	it('answers a query with nothing searchable with no results', async () => {
		const { body } = await api(`q=${encodeURIComponent('***')}`);
		expect([body.total, body.hits]).toEqual([0, []]);
	});

	it('says which word it found when it searched a Chinese typo by its sound', async () => {
		const typo = (await api(`q=${encodeURIComponent('旗泡')}`)).body as SearchApiResponse;
		const right = (await api(`q=${encodeURIComponent('旗袍')}`)).body as SearchApiResponse;
		expect([typo.heard, right.heard, typo.total > 0, typo.hits[0]!.highlight.title]).toEqual([
			'旗袍',
			null,
			true,
			expect.stringContaining('<mark>旗袍</mark>'),
		]);
	});
});

describe('GET /api/suggest', () => {
	it('completes pinyin, Chinese and Traditional with titles, merchants and products', async () => {
		const get = async (q: string) =>
			(await (
				await server.get(`/api/suggest?q=${encodeURIComponent(q)}`)
			).json()) as SuggestApiResponse;
		const [pinyin, merchant, traditional] = await Promise.all([
			get('xiangy'),
			get('hejid'),
			get('燒臘'),
		]);
		expect([
			pinyin.suggestions.length > 0 && pinyin.suggestions.length <= 8,
			pinyin.suggestions.every((s) => s.text.includes('香云')),
			merchant.suggestions[0],
			traditional.suggestions[0]?.html,
		]).toEqual([
			true,
			true,
			{ text: '何记点心', kind: 'merchant', html: '<mark>何记点</mark>心' },
			expect.stringContaining('<mark>烧腊</mark>'),
		]);
	});

	it('answers 400 naming the parameter for a query too long, and nothing for an empty one', async () => {
		const long = await server.get(`/api/suggest?q=${'a'.repeat(101)}`);
		const empty = await server.get('/api/suggest?q=');
		expect([long.status, (await long.json()).error.param, await empty.json()]).toEqual([
			400,
			'q',
			{ q: '', suggestions: [] },
		]);
	});
});
