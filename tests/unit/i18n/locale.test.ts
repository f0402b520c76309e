import { describe, expect, it } from 'vitest';
import {
	createTranslator,
	localizePath,
	resolveLocale,
	switchLocalePath,
	type MessageId,
} from '../../../src/i18n';
import { accessZhCN } from '../../../src/i18n/access.zh-cn';
import { merchantZhCN } from '../../../src/i18n/merchant.zh-cn';
import { operationsZhCN } from '../../../src/i18n/operations.zh-cn';
import { resultsZhCN } from '../../../src/i18n/results.zh-cn';
import { securityZhCN } from '../../../src/i18n/security.zh-cn';
import { staffZhCN } from '../../../src/i18n/staff.zh-cn';
import { syncZhCN } from '../../../src/i18n/sync.zh-cn';
import { zhCN } from '../../../src/i18n/zh-cn';

describe('locale routing', () => {
	it('resolveLocale maps no prefix to Chinese, en to English and anything else to none', () => {
		expect([undefined, 'en', 'fr', 'zh-cn'].map(resolveLocale)).toEqual([
			'zh-cn',
			'en',
			null,
			null,
		]);
	});
	it('localizePath prefixes English paths only', () => {
		expect([
			localizePath('zh-cn', '/schedule'),
			localizePath('en', '/schedule'),
			localizePath('en', '/'),
		]).toEqual(['/schedule', '/en/schedule', '/en/']);
	});
	it('switchLocalePath keeps the page and its query', () => {
		const url = new URL('http://x/schedule?day=2026-06-07&district=tianhe');
		expect(switchLocalePath(url, 'en')).toBe('/en/schedule?day=2026-06-07&district=tianhe');
		expect(switchLocalePath(new URL('http://x/en/rooms/5'), 'zh-cn')).toBe('/rooms/5');
		expect(switchLocalePath(new URL('http://x/en'), 'zh-cn')).toBe('/');
	});
});

describe('catalogues', () => {
	it('English has a non-empty message for every Chinese one, in every area', () => {
		const ids = Object.keys({
			...zhCN,
			...merchantZhCN,
			...staffZhCN,
			...accessZhCN,
			...syncZhCN,
			...securityZhCN,
			...operationsZhCN,
			...resultsZhCN,
		}) as MessageId[];
		const translate = createTranslator('en');
		expect(ids.filter((id) => !translate(id))).toEqual([]);
	});
	it('createTranslator fills placeholders', () => {
		expect(createTranslator('en')('schedule.count', { count: 12 })).toBe('12 sessions');
	});
});
