import { z } from 'zod';
import { refinePlainText, type TextRule } from '../text-hygiene';

/**
 * Form parsing for Astro Actions with `accept: 'form'`. Each field has its own zod schema and is
 * parsed on its own, so one submission reports every bad field at once (a zod object stops at the
 * first field whose type is wrong). Messages are message ids (`form.required`), translated where
 * the form is rendered.
 */

export type FieldSchemas = Record<string, z.ZodTypeAny>;
export type FormValues<F extends FieldSchemas> = { [K in keyof F]: z.output<F[K]> };

/** One problem with one field; `field` may name a row (`productName.2`). */
export interface FormIssue {
	field: string;
	message: string;
}

export type FormParse<F extends FieldSchemas> =
	{ ok: true; data: FormValues<F> } | { ok: false; issues: FormIssue[] };

function isArraySchema(schema: z.ZodTypeAny): boolean {
	let inner: z.ZodTypeAny = schema;
	while (
		inner instanceof z.ZodOptional ||
		inner instanceof z.ZodDefault ||
		inner instanceof z.ZodEffects
	) {
		inner = inner instanceof z.ZodEffects ? inner.innerType() : inner._def.innerType;
	}
	return inner instanceof z.ZodArray;
}

/**
 * What the form sent for one field: every value for array fields, else the first; an empty text
 * field and an empty file input (a browser sends a nameless 0-byte file) count as not sent.
 */
function readField(formData: FormData, name: string, schema: z.ZodTypeAny): unknown {
	if (isArraySchema(schema)) return formData.getAll(name);
	const value = formData.get(name);
	if (value === null || value === '') return undefined;
	if (typeof value !== 'string' && value.size === 0 && value.name === '') return undefined;
	return value;
}

/** Parses every field of `fields` from `formData`; fields not named are ignored. */
export function parseForm<F extends FieldSchemas>(formData: FormData, fields: F): FormParse<F> {
	const data: Record<string, unknown> = {};
	const issues: FormIssue[] = [];
	for (const [name, schema] of Object.entries(fields)) {
		const result = schema.safeParse(readField(formData, name, schema));
		if (result.success) {
			data[name] = result.data;
			continue;
		}
		const first = result.error.issues[0]!;
		issues.push({ field: [name, ...first.path].join('.'), message: first.message });
	}
	return issues.length > 0 ? { ok: false, issues } : { ok: true, data: data as FormValues<F> };
}

const REQUIRED = 'form.required';

/**
 * Required text, trimmed, at most `max` graphemes, held to the shared text rule
 * (text-hygiene.ts: no control or bidi characters, not only invisible ones).
 */
export function requiredText(
	max: number,
	rule: TextRule = {},
): z.ZodType<string, z.ZodTypeDef, unknown> {
	return z
		.string({ required_error: REQUIRED, invalid_type_error: REQUIRED })
		.trim()
		.min(1, REQUIRED)
		.superRefine(refinePlainText(max, rule));
}

/** Optional text under the same rule: trimmed, undefined when left empty. */
export function optionalText(
	max: number,
	rule: TextRule = {},
): z.ZodType<string | undefined, z.ZodTypeDef, unknown> {
	return z
		.string({ invalid_type_error: 'form.invalid' })
		.trim()
		.superRefine(refinePlainText(max, rule))
		.optional()
		.transform((v) => (v === '' ? undefined : v));
}

/** A positive database id from a `<select>` or hidden field. */
export function requiredId(message = REQUIRED): z.ZodType<number, z.ZodTypeDef, unknown> {
	return z
		.string({ required_error: message, invalid_type_error: message })
		.regex(/^[1-9]\d{0,15}$/, message)
		.transform(Number)
		.refine(Number.isSafeInteger, message);
}

/** Every text value a form sent for a repeated field (product and host rows). */
export function readTexts(form: FormData, name: string): string[] {
	return form.getAll(name).filter((v): v is string => typeof v === 'string');
}
