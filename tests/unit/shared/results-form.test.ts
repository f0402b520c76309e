/**
 * Unit: the report form reads figures as people type them (separators, full-width digits, a yuan
 * sign) and refuses, field by field with its own message, what no session could have reported.
 */
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../src/lib/shared/forms/parse-form';
import { checkReportedFigures, reportFields } from '../../../src/lib/shared/forms/results-form';

function read(fields: Record<string, string>) {
	const form = new FormData();
	form.set('roomId', '7');
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	const parsed = parseForm(form, reportFields);
	if (!parsed.ok) return parsed.issues;
	const { viewers, orders, sales } = parsed.data;
	const figures = { viewers, orders, salesFen: sales };
	return checkReportedFigures(figures) ?? figures;
}

describe('reading a report', () => {
	it('accepts figures as typed, and an empty field as not reported', () => {
		expect([
			read({ viewers: '12,800', orders: '３２０', sales: '¥45,600.5' }),
			read({ viewers: ' 1 234 ', orders: '', sales: '' }),
			read({ viewers: '0', orders: '0', sales: '0' }),
		]).toEqual([
			{ viewers: 12_800, orders: 320, salesFen: 4_560_050 },
			{ viewers: 1_234, orders: null, salesFen: null },
			{ viewers: 0, orders: 0, salesFen: 0 },
		]);
	});

	it('refuses negative, fractional, non-numeric and absurd figures, each next to its field', () => {
		expect([
			read({ viewers: '-3', orders: '12.5', sales: 'abc' }),
			read({ viewers: '二百', orders: '1e6', sales: '12.345' }),
			read({ viewers: '200000000', orders: '20000000', sales: '2000000000' }),
		]).toEqual([
			[
				{ field: 'viewers', message: 'results.negative' },
				{ field: 'orders', message: 'results.whole' },
				{ field: 'sales', message: 'results.notNumber' },
			],
			[
				{ field: 'viewers', message: 'results.notNumber' },
				{ field: 'orders', message: 'results.notNumber' },
				{ field: 'sales', message: 'results.cents' },
			],
			[
				{ field: 'viewers', message: 'results.tooManyViewers?max=100%2C000%2C000' },
				{ field: 'orders', message: 'results.tooManyOrders?max=10%2C000%2C000' },
				{ field: 'sales', message: 'results.tooMuchSales?max=1%2C000%2C000%2C000' },
			],
		]);
	});

	it('wants orders with sales', () => {
		expect([read({ sales: '100' }), read({ orders: '0', sales: '100' })]).toEqual([
			{ field: 'orders', message: 'results.salesNeedOrders' },
			{ field: 'orders', message: 'results.salesNeedOrders' },
		]);
	});
});
