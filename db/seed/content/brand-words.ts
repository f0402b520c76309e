import type { Phrase } from './phrase';

/**
 * Auspicious characters Guangzhou shop names are made of, with their pinyin. The demo's brand
 * lists (merchant-names.ts) hold about 160 brands; a festival of 41,000 merchants needs more, so
 * the grown festival also pairs these (荣 + 昌 → 荣昌, Rongchang), as real shop names are made.
 */
export const BRAND_CHARACTERS: readonly Phrase[] = [
	{ zh: '福', en: 'fu' },
	{ zh: '禄', en: 'lu' },
	{ zh: '喜', en: 'xi' },
	{ zh: '荣', en: 'rong' },
	{ zh: '华', en: 'hua' },
	{ zh: '富', en: 'fu' },
	{ zh: '贵', en: 'gui' },
	{ zh: '吉', en: 'ji' },
	{ zh: '祥', en: 'xiang' },
	{ zh: '如', en: 'ru' },
	{ zh: '意', en: 'yi' },
	{ zh: '兴', en: 'xing' },
	{ zh: '隆', en: 'long' },
	{ zh: '昌', en: 'chang' },
	{ zh: '盛', en: 'sheng' },
	{ zh: '恒', en: 'heng' },
	{ zh: '泰', en: 'tai' },
	{ zh: '鑫', en: 'xin' },
	{ zh: '源', en: 'yuan' },
	{ zh: '宝', en: 'bao' },
	{ zh: '金', en: 'jin' },
	{ zh: '利', en: 'li' },
	{ zh: '顺', en: 'shun' },
	{ zh: '达', en: 'da' },
	{ zh: '安', en: 'an' },
	{ zh: '康', en: 'kang' },
	{ zh: '和', en: 'he' },
	{ zh: '佳', en: 'jia' },
	{ zh: '美', en: 'mei' },
	{ zh: '新', en: 'xin' },
	{ zh: '永', en: 'yong' },
	{ zh: '誉', en: 'yu' },
	{ zh: '信', en: 'xin' },
	{ zh: '德', en: 'de' },
	{ zh: '聚', en: 'ju' },
	{ zh: '丰', en: 'feng' },
	{ zh: '裕', en: 'yu' },
	{ zh: '嘉', en: 'jia' },
	{ zh: '汇', en: 'hui' },
	{ zh: '益', en: 'yi' },
	{ zh: '宏', en: 'hong' },
	{ zh: '锦', en: 'jin' },
	{ zh: '瑞', en: 'rui' },
	{ zh: '天', en: 'tian' },
	{ zh: '万', en: 'wan' },
	{ zh: '广', en: 'guang' },
	{ zh: '粤', en: 'yue' },
	{ zh: '珠', en: 'zhu' },
	{ zh: '悦', en: 'yue' },
	{ zh: '明', en: 'ming' },
	{ zh: '晟', en: 'sheng' },
	{ zh: '优', en: 'you' },
];

/** 荣 + 昌 → { 荣昌, Rongchang }; pinyin puts an apostrophe before a vowel (Xin'an). */
export function pairBrandCharacters(first: Phrase, second: Phrase): Phrase {
	const joint = /^[aeo]/.test(second.en) ? `'${second.en}` : second.en;
	return {
		zh: first.zh + second.zh,
		en: first.en[0]!.toUpperCase() + first.en.slice(1) + joint,
	};
}
