import type { PriceType } from '../../src/lib/shared/status';
import type { ProductSeed } from './content/products';
import type { Random } from './random';

/** A product as a room shows it, priced the way the WeChat live plugin prices goods. */
export interface ProductPlan {
	name: string;
	nameEn: string;
	priceType: PriceType;
	/** Fen. Fixed: the price; range: the lowest; discount: the price before. */
	price: number;
	/** Fen. Range: the highest; discount: the price now; fixed: null. */
	price2: number | null;
}

const PRICE_TYPE_WEIGHTS: readonly { type: PriceType; weight: number }[] = [
	{ type: 'fixed', weight: 60 },
	{ type: 'discount', weight: 32 },
	{ type: 'range', weight: 8 },
];

/** Prices a product for one room: a draw inside its plausible range, ending the way shops price. */
export function priceProduct(random: Random, product: ProductSeed): ProductPlan {
	const priceType =
		product.priceType ?? random.pickWeighted(PRICE_TYPE_WEIGHTS, (w) => w.weight).type;
	const base = product.min + random.next() * (product.max - product.min);
	const plan = { name: product.zh, nameEn: product.en, priceType };
	if (priceType === 'fixed') return { ...plan, price: toShopPrice(base), price2: null };
	if (priceType === 'discount') {
		const was = toShopPrice(base);
		const now = toShopPrice(base * (0.5 + random.next() * 0.4));
		return { ...plan, price: was, price2: now < was ? now : Math.max(1, was - 100) };
	}
	// A model line (forced range) spans its trims; otherwise the range is sizes or variants.
	const lowYuan = product.priceType ? product.min + (base - product.min) * 0.4 : base;
	const highYuan = product.priceType
		? lowYuan + (product.max - lowYuan) * (0.4 + random.next() * 0.6)
		: base * (1.2 + random.next() * 0.8);
	const low = toShopPrice(lowYuan);
	const high = toShopPrice(highYuan);
	return { ...plan, price: low, price2: high > low ? high : low + 100 };
}

/** Yuan → fen with a shop's ending: 58.9, 159, 12 999, 129 800. */
function toShopPrice(yuan: number): number {
	if (yuan < 100) return Math.floor(yuan) * 100 + 90;
	if (yuan < 10_000) return (Math.floor(yuan / 10) * 10 + 9) * 100;
	if (yuan < 50_000) return (Math.floor(yuan / 1000) * 1000 - 1) * 100;
	return Math.floor(yuan / 100) * 100 * 100;
}
