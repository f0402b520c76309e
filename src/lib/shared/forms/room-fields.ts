import { z } from 'zod';
import { formatFenAsYuan } from '../money';
import { formatZonedInput, parseZonedDateTime } from '../room-window';
import {
	ANCHOR_NAME_MAX_UNITS,
	ANCHOR_NAME_MIN_UNITS,
	ROOM_TITLE_MAX_UNITS,
	ROOM_TITLE_MIN_UNITS,
} from '../room-title';
import { optionalText, parseForm, readTexts, requiredText, type FormIssue } from './parse-form';
import { parseProductRows, weChatText, type ProductInput } from './room-form';

/**
 * A room's fields, declared once. Each names the column it writes, how its control looks, and how
 * each form that has it (the merchant's room form, the bureau's showcase form) parses it; from this
 * list come the forms' shared fieldset (components/room/RoomFieldset.astro), the values a form
 * shows, the draft an action saves and the change fingerprint an edit is compared by
 * (room/submission.ts). A new field added here is shown, parsed, saved and compared everywhere.
 */

/** The columns of `room` its forms edit, as stored. */
export interface RoomFieldValues {
	title: string;
	titleEn: string | null;
	anchorName: string;
	description: string;
	descriptionEn: string | null;
	startAt: Date;
	endAt: Date;
	/** The uploaded cover's image key (shared/image.ts). */
	coverKey: string | null;
	wxRoomId: number | null;
}

export type RoomFormName = 'room' | 'showcase';

/** How one form has a field: its parser, whether it must be filled, its label and hint ids. */
export interface RoomFieldUse {
	schema: z.ZodTypeAny;
	required: boolean;
	label: string;
	hint?: string;
}

export type RoomFieldControl = 'text' | 'multiline' | 'time' | 'file' | 'number';

export interface RoomField {
	/** The control's name, in the form and in what a failed submission sends back. */
	name: string;
	column: keyof RoomFieldValues;
	control: RoomFieldControl;
	maxlength?: number;
	forms: Partial<Record<RoomFormName, RoomFieldUse>>;
}

const TIME = z
	.string({ required_error: 'form.required', invalid_type_error: 'form.required' })
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?$/, 'rooms.timeInvalid');
const both = (use: RoomFieldUse): Partial<Record<RoomFormName, RoomFieldUse>> => ({
	room: use,
	showcase: use,
});

export const ROOM_FIELDS: readonly RoomField[] = [
	{
		name: 'title',
		column: 'title',
		control: 'text',
		maxlength: 60,
		forms: {
			room: {
				schema: weChatText(ROOM_TITLE_MIN_UNITS, ROOM_TITLE_MAX_UNITS, 'rooms.titleLength'),
				required: true,
				label: 'rooms.fieldTitle',
				hint: 'rooms.fieldTitleHint',
			},
			showcase: { schema: requiredText(60), required: true, label: 'staff.showcase.fieldTitle' },
		},
	},
	{
		name: 'titleEn',
		column: 'titleEn',
		control: 'text',
		maxlength: 120,
		forms: both({ schema: optionalText(120), required: false, label: 'rooms.fieldTitleEn' }),
	},
	{
		name: 'anchorName',
		column: 'anchorName',
		control: 'text',
		maxlength: 30,
		forms: {
			room: {
				schema: weChatText(ANCHOR_NAME_MIN_UNITS, ANCHOR_NAME_MAX_UNITS, 'rooms.anchorLength'),
				required: true,
				label: 'rooms.fieldAnchor',
				hint: 'rooms.fieldAnchorHint',
			},
			showcase: { schema: optionalText(30), required: false, label: 'rooms.fieldAnchor' },
		},
	},
	{
		name: 'description',
		column: 'description',
		control: 'multiline',
		maxlength: 1000,
		forms: both({
			schema: optionalText(1000, { multiline: true }),
			required: false,
			label: 'rooms.fieldDescription',
		}),
	},
	{
		name: 'descriptionEn',
		column: 'descriptionEn',
		control: 'multiline',
		maxlength: 2000,
		forms: both({
			schema: optionalText(2000, { multiline: true }),
			required: false,
			label: 'staff.showcase.descriptionEn',
		}),
	},
	{
		name: 'start',
		column: 'startAt',
		control: 'time',
		forms: both({ schema: TIME, required: true, label: 'rooms.fieldStart' }),
	},
	{
		name: 'end',
		column: 'endAt',
		control: 'time',
		forms: both({ schema: TIME, required: true, label: 'rooms.fieldEnd' }),
	},
	{
		name: 'cover',
		column: 'coverKey',
		control: 'file',
		forms: {
			room: {
				schema: z.instanceof(File, { message: 'rooms.coverNotImage' }).optional(),
				required: false,
				label: 'rooms.fieldCover',
				hint: 'rooms.fieldCoverHint',
			},
		},
	},
	{
		name: 'wxRoomId',
		column: 'wxRoomId',
		control: 'number',
		maxlength: 16,
		forms: {
			room: {
				schema: optionalText(16)
					.refine((v) => v === undefined || /^[1-9]\d{0,11}$/.test(v), 'rooms.wxRoomIdInvalid')
					.transform((v) => (v === undefined ? null : Number(v))),
				required: false,
				label: 'rooms.wxRoomId',
				hint: 'rooms.wxRoomIdHint',
			},
		},
	},
];

/** The fields a form has, in their order. */
export function listRoomFields(form: RoomFormName): (RoomField & { use: RoomFieldUse })[] {
	return ROOM_FIELDS.flatMap((f) => {
		const use = f.forms[form];
		return use ? [{ ...f, use }] : [];
	});
}

/** A stored value as its control shows it (festival-zone times). */
export function formatRoomField(
	field: RoomField,
	values: RoomFieldValues,
	timeZone: string,
): string {
	const value = values[field.column];
	if (value === null || value === undefined || field.control === 'file') return '';
	return value instanceof Date ? formatZonedInput(value, timeZone) : String(value);
}

export interface RoomFieldsetParse {
	/** Every field that parsed (a file field is left to the action, which stores the upload). */
	values: Partial<RoomFieldValues>;
	products: ProductInput[];
	issues: FormIssue[];
}

/**
 * Reads a form's shared fieldset: its fields (each on its own, so every problem is reported at
 * once), times as instants in the festival's zone, and the product rows.
 */
export function parseRoomFieldset(
	form: FormData,
	which: RoomFormName,
	timeZone: string,
): RoomFieldsetParse {
	const fields = listRoomFields(which).filter((f) => f.control !== 'file');
	const issues: FormIssue[] = [];
	const values: Partial<Record<keyof RoomFieldValues, unknown>> = {};
	for (const field of fields) {
		const parsed = parseForm(form, { [field.name]: field.use.schema });
		if (!parsed.ok) {
			issues.push(...parsed.issues);
			continue;
		}
		const raw = parsed.data[field.name];
		if (field.control === 'time') {
			const instant = parseZonedDateTime(raw as string, timeZone);
			if (instant) values[field.column] = instant;
			else issues.push({ field: field.name, message: 'rooms.timeInvalid' });
		} else {
			values[field.column] = raw === undefined ? (field.use.required ? '' : null) : raw;
		}
	}
	if (values.description === null) values.description = '';
	if (values.anchorName === null) values.anchorName = '';
	const texts = (name: string) => readTexts(form, name);
	const rows = parseProductRows({
		names: texts('productName'),
		types: texts('productPriceType'),
		prices: texts('productPrice'),
		prices2: texts('productPrice2'),
	});
	return {
		values: values as Partial<RoomFieldValues>,
		products: rows.products,
		issues: [...issues, ...rows.issues],
	};
}

/**
 * What an edit is compared by: every declared column and the products. Equal fingerprints mean
 * the edit changes nothing (the room keeps its review status).
 */
export function fingerprintRoom(values: RoomFieldValues, products: ProductInput[]): string {
	return JSON.stringify([
		ROOM_FIELDS.map((f) => {
			const v = values[f.column];
			return v instanceof Date ? v.getTime() : (v ?? null);
		}),
		products.map((p) => [p.name, p.priceType, p.price, p.price2 ?? null]),
	]);
}

/** A product row as the form shows it (prices in yuan). */
export interface ProductRowText {
	name: string;
	type: string;
	price: string;
	price2: string;
}

/** Stored products as the form's rows. */
export function formatProductRows(products: ProductInput[]): ProductRowText[] {
	return products.map((p) => ({
		name: p.name,
		type: p.priceType,
		price: formatFenAsYuan(p.price),
		price2: p.price2 === null ? '' : formatFenAsYuan(p.price2),
	}));
}

/**
 * What a form's fieldset shows: after a failed submission exactly what was sent; otherwise the
 * stored room in the controls' units, or nothing for a new one.
 */
export function getRoomFieldsetText(
	sent: { values: Record<string, string>; lists: Record<string, string[]> } | null,
	stored: { values: RoomFieldValues; products: ProductInput[] } | undefined,
	which: RoomFormName,
	timeZone: string,
): { values: Record<string, string | undefined>; rows: ProductRowText[] } {
	if (sent) {
		const list = (name: string) => sent.lists[name] ?? [];
		return {
			values: sent.values,
			rows: list('productName').map((name, i) => ({
				name,
				type: list('productPriceType')[i] ?? 'fixed',
				price: list('productPrice')[i] ?? '',
				price2: list('productPrice2')[i] ?? '',
			})),
		};
	}
	if (!stored) return { values: {}, rows: [] };
	return {
		values: Object.fromEntries(
			listRoomFields(which).map((f) => [f.name, formatRoomField(f, stored.values, timeZone)]),
		),
		rows: formatProductRows(stored.products),
	};
}
