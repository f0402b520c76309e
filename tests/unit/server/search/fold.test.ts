import { describe, expect, it } from 'vitest';
import { foldHan } from '../../../../src/lib/server/search/fold';

describe('foldHan', () => {
	it('folds Hong Kong and Taiwan Traditional to Simplified, by phrase', () => {
		expect(['珠寶首飾', '燒鵝', '衞生', '裡面', '乾貨', '乾坤'].map(foldHan)).toEqual([
			'珠宝首饰',
			'烧鹅',
			'卫生',
			'里面',
			'干货',
			'乾坤',
		]);
	});

	it('returns Simplified text as it is', () => {
		const text = '广州友谊商店直播带货节女装新品';
		expect(foldHan(text)).toBe(text);
	});
});
