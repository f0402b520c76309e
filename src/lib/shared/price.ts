import type { PriceType } from './status';

/** Fen as yuan: `¥128`, `¥12.80`. */
export function formatFen(fen: number): string {
	const yuan = fen / 100;
	return `¥${fen % 100 === 0 ? yuan.toFixed(0) : yuan.toFixed(2)}`;
}

export interface PriceView {
	/** What the product costs now (a range for range prices). */
	now: string;
	/** The struck-through former price of a discount. */
	was: string | null;
}

/**
 * A product's price as the WeChat live plugin defines it: fixed (`price`), range (`price`–`price2`),
 * discount (`price` was, `price2` now). A missing `price2` degrades to the fixed price.
 */
export function describePrice(
	priceType: PriceType,
	price: number,
	price2: number | null,
): PriceView {
	if (priceType === 'range' && price2 !== null) {
		return { now: `${formatFen(price)} – ${formatFen(price2)}`, was: null };
	}
	if (priceType === 'discount' && price2 !== null) {
		return { now: formatFen(price2), was: formatFen(price) };
	}
	return { now: formatFen(price), was: null };
}
