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
import { tonightZhCN } from '../../../src/i18n/tonight.zh-cn';
import { venueZhCN } from '../../../src/i18n/venue.zh-cn';
import { zhCN } from '../../../src/i18n/zh-cn';
import { accessEn } from '../../../src/i18n/access.en';
import { en } from '../../../src/i18n/en';
import { merchantEn } from '../../../src/i18n/merchant.en';
import { operationsEn } from '../../../src/i18n/operations.en';
import { resultsEn } from '../../../src/i18n/results.en';
import { securityEn } from '../../../src/i18n/security.en';
import { staffEn } from '../../../src/i18n/staff.en';
import { syncEn } from '../../../src/i18n/sync.en';
import { tonightEn } from '../../../src/i18n/tonight.en';
import { venueEn } from '../../../src/i18n/venue.en';

const AREAS_ZH = {
	zhCN,
	merchantZhCN,
	staffZhCN,
	accessZhCN,
	syncZhCN,
	securityZhCN,
	tonightZhCN,
	operationsZhCN,
	resultsZhCN,
	venueZhCN,
};
const AREAS_EN = {
	en,
	merchantEn,
	staffEn,
	accessEn,
	syncEn,
	securityEn,
	tonightEn,
	operationsEn,
	resultsEn,
	venueEn,
};

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
		const ids = Object.keys(Object.assign({}, ...Object.values(AREAS_ZH))) as MessageId[];
		const translate = createTranslator('en');
		expect(ids.filter((id) => !translate(id))).toEqual([]);
	});
	it('no two areas define the same message id (a later area would silently win)', () => {
		for (const areas of [AREAS_ZH, AREAS_EN]) {
			const seen = new Map<string, string>();
			const clashes: string[] = [];
			for (const [area, messages] of Object.entries(areas)) {
				for (const id of Object.keys(messages)) {
					if (seen.has(id)) clashes.push(`${id}: ${seen.get(id)} and ${area}`);
					seen.set(id, area);
				}
			}
			expect(clashes).toEqual([]);
		}
	});
	it('createTranslator fills placeholders', () => {
		expect(createTranslator('en')('schedule.count', { count: 12 })).toBe('12 sessions');
	});
	it('plural messages take the form Intl.PluralRules picks for the count', () => {
		const en = createTranslator('en');
		const zh = createTranslator('zh-cn');
		expect([
			en('schedule.count', { count: 1 }),
			en('schedule.count', { count: 0 }),
			en('home.liveCount', { count: 1 }),
			en('home.liveCount', { count: 126 }),
			en('search.count', { count: 1 }),
			zh('home.liveCount', { count: 1 }),
		]).toEqual([
			'1 session',
			'0 sessions',
			'1 room live now',
			'126 rooms live now',
			'1 session found',
			'1 个直播间正在直播',
		]);
	});
});
