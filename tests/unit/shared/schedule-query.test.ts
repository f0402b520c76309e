import { describe, expect, it } from 'vitest';
import { buildScheduleSearch, parseScheduleQuery } from '../../../src/lib/shared/schedule-query';

const choices = {
	days: ['2026-06-06', '2026-06-07', '2026-06-08'],
	districts: ['tianhe', 'yuexiu'],
	categories: ['fashion'],
};
const parse = (qs: string) => parseScheduleQuery(new URLSearchParams(qs), choices);

describe('parseScheduleQuery', () => {
	it('reads every valid filter', () => {
		expect(
			parse('day=2026-06-07&district=tianhe&category=fashion&kind=showcase&phase=live&page=3'),
		).toEqual({
			query: {
				day: '2026-06-07',
				district: 'tianhe',
				category: 'fashion',
				kind: 'showcase',
				phase: 'live',
				page: 3,
			},
			ignored: [],
		});
	});

	it('drops and names malformed or unknown values instead of failing', () => {
		const long = 'x'.repeat(5000);
		expect(
			parse(`day=2026-13-45&district=mars&category=${long}&kind=x&phase=soon&page=-1`),
		).toEqual({
			query: { page: 1 },
			ignored: ['page', 'day', 'district', 'category', 'kind', 'phase'],
		});
	});

	it('ignores a day outside the festival', () => {
		expect(parse('day=2026-06-09').query.day).toBeUndefined();
	});

	it('treats empty values as "all"', () => {
		expect(parse('district=&phase=')).toEqual({ query: { page: 1 }, ignored: [] });
	});
});

describe('buildScheduleSearch', () => {
	it('keeps the other filters and resets the page when a filter changes', () => {
		const query = { day: '2026-06-07', district: 'tianhe', phase: 'live' as const, page: 4 };
		expect(buildScheduleSearch(query, { district: 'yuexiu' })).toBe(
			'?day=2026-06-07&district=yuexiu&phase=live',
		);
	});

	it('keeps the filters when moving between pages', () => {
		expect(buildScheduleSearch({ day: '2026-06-07', kind: 'merchant', page: 1 }, { page: 2 })).toBe(
			'?day=2026-06-07&kind=merchant&page=2',
		);
	});
});
