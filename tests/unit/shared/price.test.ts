import { describe, expect, it } from 'vitest';
import { describePrice, formatFen } from '../../../src/lib/shared/price';

describe('describePrice', () => {
	it('shows a fixed price in yuan', () => {
		expect(describePrice('fixed', 12800, null)).toEqual({ now: '¥128', was: null });
	});
	it('shows a range as low – high', () => {
		expect(describePrice('range', 990, 2990)).toEqual({ now: '¥9.90 – ¥29.90', was: null });
	});
	it('shows a discount as the new price with the former one', () => {
		expect(describePrice('discount', 19900, 9900)).toEqual({ now: '¥99', was: '¥199' });
	});
	it('degrades a range without its upper price to a fixed price', () => {
		expect(describePrice('range', 500, null)).toEqual({ now: '¥5', was: null });
	});
	it('formatFen keeps cents only when there are some', () => {
		expect([formatFen(1), formatFen(100), formatFen(1050)]).toEqual(['¥0.01', '¥1', '¥10.50']);
	});
});
