/** Figures as the results show them, in the reader's locale. */
import type { Locale } from './time';

/** Counts with the locale's thousands separators: `12,345`. */
export function formatCount(n: number, locale: Locale): string {
	return n.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN');
}

/** Fen as yuan with separators, to the fen only when there are fen: `¥12,345`, `¥1,280.50`. */
export function formatYuan(fen: number, locale: Locale): string {
	const yuan = fen / 100;
	return `¥${yuan.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
		minimumFractionDigits: fen % 100 === 0 ? 0 : 2,
		maximumFractionDigits: 2,
	})}`;
}
