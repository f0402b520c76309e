import { describe, expect, it } from 'vitest';
import {
	listAccentVariants,
	listSyllables,
	splitPinyin,
} from '../../../../src/lib/server/search/pinyin';

describe('splitPinyin', () => {
	it('splits typed pinyin into syllables, the last one possibly unfinished', () => {
		expect([
			splitPinyin('xiangyunsha'),
			splitPinyin('nvzhu'),
			splitPinyin('lue'),
			splitPinyin('xian'),
		]).toEqual([['xiang', 'yun', 'sha'], ['nv', 'zhu'], ['lve'], ['xian']]);
	});

	it('is null for words that are not pinyin: English, initials, digits', () => {
		expect([splitPinyin('lychee'), splitPinyin('sj'), splitPinyin('4s'), splitPinyin('')]).toEqual([
			null,
			null,
			null,
			null,
		]);
	});
});

describe('listAccentVariants', () => {
	it('spells what a southern accent merges: z/zh, c/ch, s/sh, n/l, f/h, an/ang, en/eng, in/ing', () => {
		expect([
			listAccentVariants('souji'),
			listAccentVariants('lvzhuang').includes('nvzhuang'),
			listAccentVariants('cenpi').includes('chenpi'),
			listAccentVariants('tansui').includes('tangshui'),
			listAccentVariants('fuoguo'),
			listAccentVariants('hanzi').includes('fanzi'),
			listAccentVariants('xingge').includes('xinge'),
		]).toEqual([['shouji'], true, true, true, ['huoguo'], true, true]);
	});

	it('lists the spellings with fewer changes first, never the typed one, at most 24', () => {
		const variants = listAccentVariants('zhangshangcheng');
		const oneChange = variants.indexOf('zangshangcheng');
		const threeChanges = variants.indexOf('zansangcheng');
		expect([
			oneChange >= 0 && (threeChanges === -1 || oneChange < threeChanges),
			variants.includes('zhangshangcheng'),
			variants.length <= 24,
		]).toEqual([true, false, true]);
	});

	it('has none for words that are not pinyin', () => {
		expect([listAccentVariants('lychee'), listAccentVariants('sj')]).toEqual([[], []]);
	});
});

describe('listSyllables', () => {
	it('reads 行 as háng in a shop name and xíng elsewhere', () => {
		expect([listSyllables('万商布行'), listSyllables('步行街')]).toEqual([
			['wan', 'shang', 'bu', 'hang'],
			['bu', 'xing', 'jie'],
		]);
	});
});
