import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { merchant } from '../../../../db/schema';
import type { Db } from '../db';

/**
 * The merchants that may carry a showcase broadcast (approved ones), found by name or number:
 * the showcase form types its carrier rather than listing 40,000 merchants in a select (a 2 MB
 * page, 180 ms of the event loop at the real festival's size). Names are read on
 * `merchant_name_idx`, a prefix as a range of it.
 */

export interface CarrierOption {
	id: number;
	name: string;
	/** What the form's field holds for it: the name and, after `#`, the number. */
	label: string;
}

/** The most suggestions one prefix gets. */
export const CARRIER_SUGGESTIONS = 12;

/** A name's upper bound for a prefix range: U+10FFFF sorts after every character (BINARY). */
const AFTER_EVERY_CHARACTER = String.fromCodePoint(0x10ffff);

export function formatCarrier(m: { id: number; name: string }): string {
	return `${m.name} #${m.id}`;
}

/** Is this merchant approved, so it may carry a showcase? */
export function isCarrier(db: Db, id: number): boolean {
	return !!db
		.select({ id: merchant.id })
		.from(merchant)
		.where(and(eq(merchant.id, id), eq(merchant.status, 'approved')))
		.get();
}

/** Approved merchants with exactly this name (two or more: the name alone does not say which). */
export function findCarriersNamed(db: Db, name: string): number[] {
	return db
		.select({ id: merchant.id })
		.from(merchant)
		.where(and(eq(merchant.nameZh, name), eq(merchant.status, 'approved')))
		.limit(2)
		.all()
		.map((m) => m.id);
}

/** The form's field value for a stored carrier (`名称 #12`), or '' for none. */
export function describeCarrier(db: Db, id: number | null): string {
	if (id === null) return '';
	const m = db
		.select({ id: merchant.id, name: merchant.nameZh })
		.from(merchant)
		.where(eq(merchant.id, id))
		.get();
	return m ? formatCarrier(m) : String(id);
}

/**
 * Suggestions for what staff typed: the merchant of that number, then approved merchants whose
 * name starts with it, by name. A bounded read of the name index whatever the festival's size
 * (names of unapproved merchants are stepped over, a few per suggestion).
 */
export function suggestCarriers(db: Db, typed: string): CarrierOption[] {
	const text = typed.trim();
	if (text === '') return [];
	const found: { id: number; name: string }[] = [];
	const byNumber = /^#?\s*([1-9]\d{0,15})$/.exec(text);
	if (byNumber) {
		const id = Number(byNumber[1]);
		const m = db
			.select({ id: merchant.id, name: merchant.nameZh })
			.from(merchant)
			.where(and(eq(merchant.id, id), eq(merchant.status, 'approved')))
			.get();
		if (m) found.push(m);
	}
	found.push(
		...db
			.select({ id: merchant.id, name: merchant.nameZh })
			.from(merchant)
			.where(
				and(
					gte(merchant.nameZh, text),
					lt(merchant.nameZh, text + AFTER_EVERY_CHARACTER),
					eq(merchant.status, 'approved'),
				),
			)
			.orderBy(asc(merchant.nameZh), asc(merchant.id))
			.limit(CARRIER_SUGGESTIONS)
			.all(),
	);
	return found
		.slice(0, CARRIER_SUGGESTIONS)
		.map((m) => ({ id: m.id, name: m.name, label: formatCarrier(m) }));
}
