import { z } from 'zod';
import { encodeFormMessage } from './form-message';
import { requiredId, type FormIssue } from './parse-form';

/**
 * What a merchant reports after a session (the festival's results): viewers, orders and sales,
 * each optional — an empty field is "not reported", not zero. Typed as a person types numbers:
 * full-width digits and thousands separators (`1,234`, `１２３４`, `1 234`) are read, a yuan sign
 * is allowed before sales. Refused, each with its own message next to its field: what is not a
 * number, a negative figure, a fraction of a person or an order, more than two decimals of a
 * yuan, and figures beyond any session's reach (the limits below). Sales need orders.
 */

/** The 2020 festival's most-watched broadcast drew 8.8 million viewers: ten times that is a typo. */
export const MAX_VIEWERS = 100_000_000;
export const MAX_ORDERS = 10_000_000;
/** ¥1 billion from one session: far beyond any session the festival reported (in fen). */
export const MAX_SALES_FEN = 100_000_000_000;

export interface ReportedFigures {
	viewers: number | null;
	orders: number | null;
	salesFen: number | null;
}

/** The text a person typed, as plain ASCII digits (or undefined when empty). */
function normalise(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const text = raw
		.normalize('NFKC')
		.replace(/[\s\u00a0\u202f,，]/g, '')
		.replace(/^[¥￥]/, '');
	return text === '' ? undefined : text;
}

type Figure = z.ZodType<number | null, z.ZodTypeDef, unknown>;

/**
 * A figure as typed: null when empty; a negative one refused; otherwise `read` gives the value,
 * or the message id (possibly with parameters) to refuse it with.
 */
function figure(read: (text: string) => number | { refuse: string }): Figure {
	return z.unknown().transform((raw, ctx) => {
		const text = normalise(raw);
		if (text === undefined) return null;
		const value = /^-\d/.test(text) ? { refuse: 'results.negative' } : read(text);
		if (typeof value === 'number') return value;
		ctx.addIssue({ code: 'custom', message: value.refuse });
		return z.NEVER;
	});
}

/** A whole-number figure up to `max`. */
function wholeFigure(max: number, tooMany: string): Figure {
	return figure((text) => {
		if (/^\d+[.]\d+$/.test(text)) return { refuse: 'results.whole' };
		if (!/^\d{1,15}$/.test(text)) return { refuse: 'results.notNumber' };
		const value = Number(text);
		if (value > max) {
			return { refuse: encodeFormMessage(tooMany, { max: max.toLocaleString('en-US') }) };
		}
		return value;
	});
}

/** Sales typed in yuan (at most two decimals), as fen. */
const salesFigure: Figure = figure((text) => {
	const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
	if (!match) return { refuse: 'results.notNumber' };
	if ((match[2] ?? '').length > 2) return { refuse: 'results.cents' };
	const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
	if (fen > MAX_SALES_FEN) {
		const max = (MAX_SALES_FEN / 100).toLocaleString('en-US');
		return { refuse: encodeFormMessage('results.tooMuchSales', { max }) };
	}
	return fen;
});

/** The report form, field by field (parse-form.ts parses each on its own). */
export const reportFields = {
	roomId: requiredId('form.notFound'),
	viewers: wholeFigure(MAX_VIEWERS, 'results.tooManyViewers'),
	orders: wholeFigure(MAX_ORDERS, 'results.tooManyOrders'),
	sales: salesFigure,
};

/** What the fields cannot say alone: sales need orders. Null when the figures hold together. */
export function checkReportedFigures(figures: ReportedFigures): FormIssue | null {
	if (figures.salesFen !== null && figures.salesFen > 0 && !figures.orders) {
		return { field: 'orders', message: 'results.salesNeedOrders' };
	}
	return null;
}
