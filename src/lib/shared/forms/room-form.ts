import { z } from 'zod';
import { checkProductPrices, MAX_PRICE_FEN, parseYuanToFen } from '../money';
import { getWeChatLength } from '../room-title';
import { PRICE_TYPES, type PriceType } from '../status';
import { checkPlainText, findTextProblem, TEXT_PROBLEM_MESSAGES } from '../text-hygiene';
import { encodeFormMessage } from './form-message';
import type { FormIssue } from './parse-form';

const REQUIRED = { required_error: 'form.required', invalid_type_error: 'form.required' };
/** More than any room shows; bounds the work one form can cause. */
export const MAX_PRODUCTS = 20;

/** A product name's most graphemes. */
export const PRODUCT_NAME_MAX = 60;

/**
 * Text WeChat shows in a live room (title, anchor): the shared text rule first, then white space
 * collapsed and the length in WeChat's units (a Han character is two).
 */
export function weChatText(min: number, max: number, message: string) {
	return z
		.string(REQUIRED)
		.superRefine((s, ctx) => {
			const problem = findTextProblem(s.trim());
			if (problem) ctx.addIssue({ code: 'custom', message: TEXT_PROBLEM_MESSAGES[problem] });
		})
		.transform((s) => s.trim().replace(/\s+/g, ' '))
		.superRefine((s, ctx) => {
			const units = getWeChatLength(s);
			if (units < min || units > max) {
				ctx.addIssue({ code: 'custom', message: encodeFormMessage(message, { units }) });
			}
		});
}

export interface ProductInput {
	name: string;
	priceType: PriceType;
	price: number;
	price2: number | null;
}

/**
 * The product rows of a room form. A row left entirely empty is ignored (the form always offers a
 * few spare rows); any other row must name the product and price it by its type's rule. Issues
 * name the row: `productPrice.2`.
 */
export function parseProductRows(rows: {
	names: string[];
	types: string[];
	prices: string[];
	prices2: string[];
}): { products: ProductInput[]; issues: FormIssue[] } {
	const products: ProductInput[] = [];
	const issues: FormIssue[] = [];
	rows.names.forEach((rawName, i) => {
		const name = rawName.trim();
		const rawPrice = (rows.prices[i] ?? '').trim();
		const rawPrice2 = (rows.prices2[i] ?? '').trim();
		if (name === '' && rawPrice === '' && rawPrice2 === '') return;
		const type = rows.types[i] as PriceType;
		const nameProblem = name === '' ? 'form.required' : checkPlainText(name, PRODUCT_NAME_MAX);
		if (nameProblem) issues.push({ field: `productName.${i}`, message: nameProblem });
		if (!PRICE_TYPES.includes(type)) {
			issues.push({ field: `productPriceType.${i}`, message: 'form.choose' });
			return;
		}
		const price = rawPrice === '' ? null : parseYuanToFen(rawPrice);
		const price2 = rawPrice2 === '' || type === 'fixed' ? null : parseYuanToFen(rawPrice2);
		if (rawPrice !== '' && (price === null || price > MAX_PRICE_FEN)) {
			issues.push({ field: `productPrice.${i}`, message: 'rooms.priceInvalid' });
			return;
		}
		if (type !== 'fixed' && rawPrice2 !== '' && (price2 === null || price2 > MAX_PRICE_FEN)) {
			issues.push({ field: `productPrice2.${i}`, message: 'rooms.priceInvalid' });
			return;
		}
		const problem = checkProductPrices(type, price, price2);
		if (problem) {
			const field = problem.field === 'price' ? 'productPrice' : 'productPrice2';
			issues.push({ field: `${field}.${i}`, message: `rooms.${problem.problem}` });
			return;
		}
		if (!nameProblem) products.push({ name, priceType: type, price: price!, price2 });
	});
	if (products.length > MAX_PRODUCTS)
		issues.push({ field: 'productName', message: 'rooms.tooManyProducts' });
	return { products, issues };
}
