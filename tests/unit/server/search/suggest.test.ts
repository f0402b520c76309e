import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestCompletions } from '../../../../src/lib/server/search/suggest';
import {
	createFestivalWorld,
	createMerchant,
	createProduct,
	createRoom,
} from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

let temp: ReturnType<typeof createTempDb>;
let festivalId: number;

/** Four merchants' rooms: a pattern of titles, a shop named for its trade, products. */
beforeAll(() => {
	temp = createTempDb();
	const { db } = temp;
	const w = createFestivalWorld(db);
	festivalId = w.festival.id;
	const base = { festivalId, districtId: w.district.id, categoryId: w.category.id };
	const shop = (nameZh: string, nameEn: string) =>
		createMerchant(db, { nameZh, nameEn, districtId: w.district.id, categoryId: w.category.id });
	const start = new Date('2026-06-07T12:00:00Z');
	for (const [name, nameEn] of [
		['步步香云纱', 'Bubu Gambiered Silk'],
		['花城女装', 'Huacheng Womenswear'],
		['素雅香云纱', 'Suya Gambiered Silk'],
	] as const) {
		const m = shop(name, nameEn);
		const r = createRoom(db, {
			...base,
			merchantId: m.id,
			title: `${name.slice(0, 2)}香云纱旗袍专场`,
			titleEn: 'Gambiered silk qipao special',
			startAt: start,
		});
		createProduct(db, { roomId: r.id, name: '香云纱旗袍', nameEn: 'Gambiered silk qipao' });
	}
	const kitchen = shop('兴记烧腊', 'Hing Kee Roast Meats');
	const r = createRoom(db, {
		...base,
		merchantId: kitchen.id,
		title: '广式烧腊现斩现卖',
		startAt: start,
	});
	createProduct(db, { roomId: r.id, name: '明炉烧鹅（半只）', nameEn: 'Roast goose <half>' });
});
afterAll(() => temp.cleanup());

const texts = async (q: string) =>
	(await suggestCompletions(temp.db, festivalId, q)).map((s) => `${s.kind}:${s.text}`);

describe('suggestCompletions', () => {
	it('completes a pinyin prefix with titles from the match on, merchants and products', async () => {
		expect(await texts('xiangy')).toEqual([
			'title:香云纱旗袍专场',
			'product:香云纱旗袍',
			'merchant:步步香云纱',
			'merchant:素雅香云纱',
		]);
	});

	it('completes Chinese, Traditional and English, putting names the match starts first', async () => {
		expect([await texts('烧'), await texts('燒'), (await texts('roast')).slice(0, 2)]).toEqual([
			['title:烧腊现斩现卖', 'merchant:兴记烧腊', 'product:明炉烧鹅（半只）'],
			['title:烧腊现斩现卖', 'merchant:兴记烧腊', 'product:明炉烧鹅（半只）'],
			['product:Roast goose <half>', 'merchant:Hing Kee Roast Meats'],
		]);
	});

	it('escapes the names and marks what matched', async () => {
		const [goose] = await suggestCompletions(temp.db, festivalId, 'roast');
		expect(goose!.html).toBe('<mark>Roast</mark> goose &lt;half&gt;');
	});

	it('offers nothing for nothing searchable, and at most eight', async () => {
		expect([await texts(''), await texts('***'), (await texts('a')).length <= 8]).toEqual([
			[],
			[],
			true,
		]);
	});
});
