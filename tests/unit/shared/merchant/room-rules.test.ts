import { describe, expect, it } from 'vitest';
import {
	checkProductPrices,
	formatFenAsYuan,
	parseYuanToFen,
} from '../../../../src/lib/shared/money';
import { parseProductRows } from '../../../../src/lib/shared/forms/room-form';
import {
	getWeChatLength,
	isValidAnchorName,
	isValidRoomTitle,
} from '../../../../src/lib/shared/room-title';
import {
	checkRoomWindow,
	formatZonedInput,
	getFestivalBounds,
	parseZonedDateTime,
} from '../../../../src/lib/shared/room-window';
import { createRandom } from './random';

const HAN = '荔枝节女装专场广式点心现做早茶一盅两件';

describe('room title length (WeChat units)', () => {
	it('getWeChatLength counts a Han character 2 and ASCII 1', () => {
		expect([getWeChatLength('荔枝'), getWeChatLength('Amy 林'), getWeChatLength('')]).toEqual([
			4, 6, 0,
		]);
	});

	it('isValidRoomTitle of 3 to 17 Han characters is true and of 2 or 18 is false', () => {
		const results = [2, 3, 17, 18].map((n) => isValidRoomTitle(HAN.repeat(2).slice(0, n)));
		expect(results).toEqual([false, true, true, false]);
	});

	it('isValidRoomTitle of 6 to 34 ASCII characters is true and of 5 or 35 is false', () => {
		expect([5, 6, 34, 35].map((n) => isValidRoomTitle('a'.repeat(n)))).toEqual([
			false,
			true,
			true,
			false,
		]);
	});

	it('isValidRoomTitle agrees with the unit count for 500 generated mixed titles', () => {
		const random = createRandom(34);
		const wrong = Array.from({ length: 500 }, () => {
			const han = random.int(0, 20);
			const ascii = random.int(0, 40);
			return random.string(HAN, han) + random.string('abc 123XYZ', ascii);
		}).filter((title) => {
			const units = [...title].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x7f ? 2 : 1), 0);
			return isValidRoomTitle(title) !== (units >= 6 && units <= 34);
		});
		expect(wrong).toEqual([]);
	});

	it('isValidAnchorName of 2 to 15 Han characters is true and of 1 or 16 is false', () => {
		expect([1, 2, 15, 16].map((n) => isValidAnchorName(HAN.slice(0, n)))).toEqual([
			false,
			true,
			true,
			false,
		]);
	});
});

describe('prices in yuan → fen', () => {
	it('parseYuanToFen reads whole yuan, one and two decimals, a ¥ sign and full-width digits', () => {
		const inputs = ['128', '12.8', '12.80', '0.29', '¥99', '￥１２.５', ' 7 '];
		expect(inputs.map(parseYuanToFen)).toEqual([12800, 1280, 1280, 29, 9900, 1250, 700]);
	});

	it('parseYuanToFen refuses what is not a plain amount', () => {
		const inputs = ['', '-1', '1.234', '1e3', '12,80', 'abc', '12.', '.5', '99999999'];
		expect(inputs.map(parseYuanToFen)).toEqual(inputs.map(() => null));
	});

	it('parseYuanToFen(formatFenAsYuan(fen)) is fen for 1000 generated amounts', () => {
		const random = createRandom(1280);
		const amounts = Array.from({ length: 1000 }, () => random.int(0, 999_999_999));
		expect(amounts.filter((fen) => parseYuanToFen(formatFenAsYuan(fen)) !== fen)).toEqual([]);
	});

	it('checkProductPrices applies each price type rule', () => {
		expect([
			checkProductPrices('fixed', 100, null),
			checkProductPrices('fixed', 0, null),
			checkProductPrices('range', 100, null),
			checkProductPrices('range', 200, 100),
			checkProductPrices('discount', 100, 200),
			checkProductPrices('discount', 200, 100),
			checkProductPrices('range', 100, 200),
		]).toEqual([
			null,
			{ field: 'price', problem: 'priceRequired' },
			{ field: 'price2', problem: 'price2Required' },
			{ field: 'price2', problem: 'rangeOrder' },
			{ field: 'price2', problem: 'discountOrder' },
			null,
			null,
		]);
	});

	it('parseProductRows ignores empty rows and names the row of each problem', () => {
		const parsed = parseProductRows({
			names: ['真丝连衣裙', '', '防晒衫', '草帽'],
			types: ['fixed', 'fixed', 'range', 'discount'],
			prices: ['128', '', '9.9', 'abc'],
			prices2: ['', '', '5', ''],
		});
		expect(parsed).toEqual({
			products: [{ name: '真丝连衣裙', priceType: 'fixed', price: 12800, price2: null }],
			issues: [
				{ field: 'productPrice2.2', message: 'rooms.rangeOrder' },
				{ field: 'productPrice.3', message: 'rooms.priceInvalid' },
			],
		});
	});
});

describe('room time window', () => {
	const tz = 'Asia/Shanghai';
	const festival = getFestivalBounds({
		startDate: '2026-06-06',
		endDate: '2026-06-08',
		timezone: tz,
	});
	const now = new Date('2026-06-05T04:00:00Z');
	const at = (local: string) => parseZonedDateTime(local, tz)!;

	it('parseZonedDateTime reads festival-zone wall time whatever the process zone', () => {
		expect(at('2026-06-07T19:30').toISOString()).toBe('2026-06-07T11:30:00.000Z');
	});

	it('parseZonedDateTime refuses impossible dates and times', () => {
		const bad = [
			'2026-02-30T10:00',
			'2026-06-07T24:00',
			'2026-06-07T10:60',
			'2026-06-07 10:00',
			'tomorrow',
		];
		expect(bad.map((b) => parseZonedDateTime(b, tz))).toEqual(bad.map(() => null));
	});

	it('formatZonedInput is the inverse of parseZonedDateTime', () => {
		expect(formatZonedInput(at('2026-06-08T23:59'), tz)).toBe('2026-06-08T23:59');
	});

	it('checkRoomWindow accepts 30 minutes and 24 hours inside the festival', () => {
		const results = [
			checkRoomWindow({
				start: at('2026-06-07T19:30'),
				end: at('2026-06-07T20:00'),
				festival,
				now,
				checkLead: true,
			}),
			checkRoomWindow({
				start: at('2026-06-06T00:00'),
				end: at('2026-06-07T00:00'),
				festival,
				now,
				checkLead: true,
			}),
		];
		expect(results).toEqual([[], []]);
	});

	it("checkRoomWindow accepts a late-night session that ends after the festival's last midnight", () => {
		const check = (start: string, end: string) =>
			checkRoomWindow({ start: at(start), end: at(end), festival, now, checkLead: true });
		expect([
			check('2026-06-08T23:30', '2026-06-09T01:30'),
			check('2026-06-08T23:59', '2026-06-09T23:59'),
			check('2026-06-08T23:59', '2026-06-10T00:00'),
			check('2026-06-09T00:00', '2026-06-09T01:00'),
		]).toEqual([
			[],
			[],
			[{ field: 'end', problem: 'tooLong' }],
			[{ field: 'start', problem: 'startOutsideFestival' }],
		]);
	});

	it('checkRoomWindow names each broken rule', () => {
		const check = (start: string, end: string, at2 = now) =>
			checkRoomWindow({ start: at(start), end: at(end), festival, now: at2, checkLead: true });
		expect([
			check('2026-06-07T19:30', '2026-06-07T19:59'),
			check('2026-06-07T19:30', '2026-06-08T19:31'),
			check('2026-06-05T23:00', '2026-06-06T01:00'),
			check('2026-06-08T23:00', '2026-06-09T01:00'),
			check('2026-06-07T19:30', '2026-06-07T21:00', at('2026-06-07T19:25')),
			check('2026-06-07T19:30', '2026-06-07T21:00', at('2026-06-07T20:00')),
		]).toEqual([
			[{ field: 'end', problem: 'tooShort' }],
			[{ field: 'end', problem: 'tooLong' }],
			[{ field: 'start', problem: 'startOutsideFestival' }],
			[],
			[{ field: 'start', problem: 'startTooSoon' }],
			[{ field: 'start', problem: 'startTooSoon' }],
		]);
	});

	it('checkRoomWindow without the lead check accepts a start that has passed', () => {
		expect(
			checkRoomWindow({
				start: at('2026-06-07T19:30'),
				end: at('2026-06-07T21:00'),
				festival,
				now: at('2026-06-07T20:00'),
				checkLead: false,
			}),
		).toEqual([]);
	});
});
