import type { PriceType } from './status';

/**
 * Prices are typed in yuan (`12.8`, `12.80`, `1280`) and stored in fen, as the WeChat live plugin
 * stores them. Parsed as text, never through floating point, so `0.29` is 29 fen, not 28.999….
 */

const YUAN_PATTERN = /^(\d{1,7})(?:\.(\d{1,2}))?$/;
/** ¥9,999,999.99: more than any product a live room sells. */
export const MAX_PRICE_FEN = 999_999_999;

/** Fen from a yuan amount typed by a person; null when it is not a plain amount. */
export function parseYuanToFen(raw: string): number | null {
	const match = YUAN_PATTERN.exec(
		raw
			.normalize('NFKC')
			.trim()
			.replace(/^[¥￥]/, ''),
	);
	if (!match) return null;
	const fraction = (match[2] ?? '').padEnd(2, '0');
	return Number(match[1]) * 100 + Number(fraction);
}

/** Fen as the yuan a form field shows: `1280` → `12.80`, `1200` → `12`. */
export function formatFenAsYuan(fen: number): string {
	const yuan = Math.floor(fen / 100);
	const rest = fen % 100;
	return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, '0')}`;
}

export type PriceProblem = 'priceRequired' | 'price2Required' | 'rangeOrder' | 'discountOrder';

/**
 * The plugin's price rules: fixed uses `price`; range needs `price` < `price2`; discount needs the
 * former price `price` above the current `price2`. Prices must be positive.
 */
export function checkProductPrices(
	type: PriceType,
	price: number | null,
	price2: number | null,
): { field: 'price' | 'price2'; problem: PriceProblem } | null {
	if (price === null || price <= 0) return { field: 'price', problem: 'priceRequired' };
	if (type === 'fixed') return null;
	if (price2 === null || price2 <= 0) return { field: 'price2', problem: 'price2Required' };
	if (type === 'range' && price2 <= price) return { field: 'price2', problem: 'rangeOrder' };
	if (type === 'discount' && price2 >= price) return { field: 'price2', problem: 'discountOrder' };
	return null;
}
