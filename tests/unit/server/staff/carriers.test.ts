import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src/lib/server/db';
import {
	CARRIER_SUGGESTIONS,
	describeCarrier,
	findCarriersNamed,
	suggestCarriers,
} from '../../../../src/lib/server/staff/carriers';
import { parseCarrierText } from '../../../../src/lib/server/staff/forms';
import { createFestivalWorld, createMerchant } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

describe('a showcase carrier typed by name or number', () => {
	it('reads what staff type: nothing, a number, a suggestion, or a name', () => {
		expect(
			[
				'',
				'  ',
				'none',
				'1234',
				'#1234',
				'荔枝小店 #1234',
				'荔枝小店',
				' 荔枝小店 ',
				'0',
				'12a',
			].map(parseCarrierText),
		).toEqual([
			null,
			null,
			null,
			{ id: 1234 },
			{ id: 1234 },
			{ id: 1234 },
			{ name: '荔枝小店' },
			{ name: '荔枝小店' },
			{ name: '0' },
			{ name: '12a' },
		]);
	});

	it('suggests approved merchants by number and by name prefix, in name order, at most a dozen', () => {
		const w = createFestivalWorld(db);
		const place = { districtId: w.district.id, categoryId: w.category.id };
		const shop = createMerchant(db, { ...place, nameZh: '荔枝小店' });
		createMerchant(db, { ...place, nameZh: '荔枝湾艇仔粥' });
		createMerchant(db, { ...place, nameZh: '荔枝待审店', status: 'pending' });
		createMerchant(db, { ...place, nameZh: '龙眼小店' });
		for (let i = 0; i < 20; i++)
			createMerchant(db, { ...place, nameZh: `茶${String(i).padStart(2, '0')}` });
		const names = (typed: string) => suggestCarriers(db, typed).map((c) => c.label);
		expect({
			prefix: names('荔枝'),
			number: names(`#${shop.id}`)[0],
			many: names('茶').length,
			none: names('  '),
		}).toEqual({
			prefix: [`荔枝小店 #${shop.id}`, expect.stringMatching(/^荔枝湾艇仔粥 #\d+$/)],
			number: `荔枝小店 #${shop.id}`,
			many: CARRIER_SUGGESTIONS,
			none: [],
		});
	});

	it('a name shared by two approved merchants does not say which; a stored carrier shows name and number', () => {
		const w = createFestivalWorld(db);
		const place = { districtId: w.district.id, categoryId: w.category.id };
		const one = createMerchant(db, { ...place, nameZh: '同名店' });
		createMerchant(db, { ...place, nameZh: '同名店' });
		const only = createMerchant(db, { ...place, nameZh: '独一家' });
		createMerchant(db, { ...place, nameZh: '待审家', status: 'pending' });
		expect({
			shared: findCarriersNamed(db, '同名店').length,
			single: findCarriersNamed(db, '独一家'),
			unapproved: findCarriersNamed(db, '待审家'),
			shown: [describeCarrier(db, one.id), describeCarrier(db, null)],
		}).toEqual({
			shared: 2,
			single: [only.id],
			unapproved: [],
			shown: [`同名店 #${one.id}`, ''],
		});
	});
});
