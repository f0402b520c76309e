import { describe, expect, it } from 'vitest';
import {
	buildHanText,
	buildLatinText,
	buildPinyinText,
	buildWordPinyinText,
	listBigrams,
	splitRuns,
} from '../../../../src/lib/server/search/tokens';

const buildIndexText = (text: string | null): string =>
	[buildHanText(text), buildLatinText(text)].filter(Boolean).join(' ');

describe('buildHanText and buildLatinText', () => {
	it('store each Han character, every bigram and dictionary words; Latin words and numbers apart', () => {
		expect([
			buildHanText('荔湾老字号 Dim-Sum 12只').split(' '),
			buildLatinText('荔湾老字号 Dim-Sum 12只').split(' '),
		]).toEqual([
			['荔', '湾', '老', '字', '号', '荔湾', '湾老', '老字', '字号', '只'],
			['dim', 'sum', '12'],
		]);
	});

	it('fold Traditional characters to Simplified, so 珠寶 is stored as 珠宝', () => {
		expect([buildHanText('珠寶'), buildHanText('燒鵝飯')]).toEqual([
			'珠 宝 珠宝',
			'烧 鹅 饭 烧鹅 鹅饭',
		]);
	});

	it('adds dictionary words longer than two characters', () => {
		expect(buildIndexText('直播带货节').split(' ')).toContain('直播');
		expect(buildIndexText('广州友谊商店').split(' ')).toEqual([
			'广',
			'州',
			'友',
			'谊',
			'商',
			'店',
			'广州',
			'州友',
			'友谊',
			'谊商',
			'商店',
		]);
	});

	it('keeps tokens unique and is empty for nothing', () => {
		expect([buildIndexText('女装女装'), buildIndexText(null), buildIndexText('')]).toEqual([
			'女 装 女装 装女',
			'',
			'',
		]);
	});

	it('folds full-width forms and case', () => {
		expect(buildIndexText('ＡＢＣ Ｄim')).toBe('abc dim');
	});
});

describe('buildPinyinText', () => {
	it('writes full pinyin and initials from every character onwards, ü as v', () => {
		expect(buildPinyinText('锦绣女装').split(' ')).toEqual([
			'jinxiunvzhuang',
			'jxnz',
			'xiunvzhuang',
			'xnz',
			'nvzhuang',
			'nz',
			'zhuang',
		]);
	});

	it('reads polyphones in context', () => {
		expect(buildPinyinText('银行').split(' ')[0]).toBe('yinhang');
	});

	it('spans characters the segmenter splits apart, so any span can be typed', () => {
		expect(buildPinyinText('香云纱').split(' ')).toEqual([
			'xiangyunsha',
			'xys',
			'yunsha',
			'ys',
			'sha',
		]);
	});

	it('ignores text that is not Chinese', () => {
		expect(buildPinyinText('Amy 2026')).toBe('');
	});

	it('spells Traditional characters as their Simplified forms are spelt', () => {
		expect(buildPinyinText('燒鵝')).toBe(buildPinyinText('烧鹅'));
	});
});

describe('buildWordPinyinText', () => {
	it('writes full pinyin and initials from the start of each word only', () => {
		// 广州|酒家|点心: nothing starts at 州, 家 or 心.
		expect(buildWordPinyinText('广州酒家点心').split(' ')).toEqual([
			'guangzhoujiujiadianxin',
			'gzjjdx',
			'jiujiadianxin',
			'jjdx',
			'dianxin',
			'dx',
		]);
	});
});

describe('splitRuns', () => {
	it('separates Han runs from Latin/digit runs and drops symbols, emoji and control characters', () => {
		expect(splitRuns('女装😀\u0000abc 12只 NEAR("x")')).toEqual([
			{ han: true, text: '女装' },
			{ han: false, text: 'abc' },
			{ han: false, text: '12' },
			{ han: true, text: '只' },
			{ han: false, text: 'near' },
			{ han: false, text: 'x' },
		]);
	});
});

describe('listBigrams', () => {
	it('lists overlapping pairs, none for one character', () => {
		expect([listBigrams('待处理'), listBigrams('鞋')]).toEqual([['待处', '处理'], []]);
	});
});
