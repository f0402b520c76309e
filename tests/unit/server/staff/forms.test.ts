import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../../../../src/lib/server/festival/festival-rules';
import { parseHostRows } from '../../../../src/lib/server/staff/forms';

describe('festival time zone', () => {
	it('isTimeZone accepts IANA names the platform knows and nothing else', () => {
		expect(
			[
				'Asia/Shanghai',
				'Asia/Urumqi',
				'UTC',
				'Asia/Guangzhou',
				'Beijing',
				'',
				'Asia/Shanghai; drop',
				'../etc',
			].map(isTimeZone),
		).toEqual([true, true, true, false, false, false, false, false]);
	});
});

describe('showcase host rows', () => {
	it('ignores empty rows, needs name and title in others, and at least one host', () => {
		const rows = (names: string[], titles: string[]) =>
			parseHostRows({
				names,
				titles,
				namesEn: names.map(() => ''),
				titlesEn: titles.map(() => ''),
				districts: names.map(() => 'none'),
			});
		expect([
			rows(['', ''], ['', '']).issues,
			rows(['王某', ''], ['', '']).issues,
			rows(['王某', ''], ['副市长', '']).hosts,
		]).toEqual([
			[{ field: 'hostName.0', message: 'staff.showcase.hostRequired' }],
			[{ field: 'hostTitle.0', message: 'form.required' }],
			[{ name: '王某', nameEn: null, title: '副市长', titleEn: null, districtId: null }],
		]);
	});
});
