import type { z } from 'zod';

/**
 * The one rule for text people type or import (every form field, every imported name): what may
 * be in it, and how long it is. Refused, each with its own message next to the field:
 * - control characters (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F), except tab and line
 *   breaks in a multi-line field: they are not text, and break logs, CSV and terminals;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a name
 *   display differently from what it is ("gnp.exe" shown as "exe.png", CVE-2021-42574);
 * - a value made only of invisible characters (zero-width spaces, joiners, fillers, BOM …):
 *   it looks empty, or like nothing, wherever it is shown.
 * Lengths count graphemes — what a person sees as one character (Intl.Segmenter), so 👩‍👩‍👧 is
 * one, not eight — capped on UTF-16 length too so no input makes the count expensive.
 */

export type TextProblem = 'control' | 'bidi' | 'invisible';

/** The message id shown next to a field for each problem. */
export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
	control: 'form.controlChars',
	bidi: 'form.bidiControl',
	invisible: 'form.invisibleOnly',
};

export interface TextRule {
	/** A multi-line field (a description, a reason): tab and line breaks are allowed. */
	multiline?: boolean;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/** White space, default-ignorable code points (ZWSP, ZWJ, BOM, fillers …) and the blank Braille cell. */
const INVISIBLE_ONLY = /^[\s\p{Default_Ignorable_Code_Point}\u2800]+$/u;

/** The first problem with `value` under the rule, or null for text that may be kept. */
export function findTextProblem(value: string, rule: TextRule = {}): TextProblem | null {
	if ((rule.multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) return 'control';
	if (BIDI.test(value)) return 'bidi';
	if (value !== '' && INVISIBLE_ONLY.test(value)) return 'invisible';
	return null;
}

let segmenter: Intl.Segmenter | undefined;

/** The number of graphemes in `value`: the characters a person sees. */
export function countGraphemes(value: string): number {
	segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
	let count = 0;
	for (const segment of segmenter.segment(value)) {
		if (segment.segment !== '') count += 1;
	}
	return count;
}

/**
 * Code units one grapheme may take before a value is too long regardless (an emoji family is
 * 11, a flag 4): no count is run over a 100,000-character paste.
 */
const MAX_UNITS_PER_GRAPHEME = 16;

/** Whether `value` has more than `max` graphemes. */
export function isTooLong(value: string, max: number): boolean {
	if (value.length <= max) return false;
	return value.length > max * MAX_UNITS_PER_GRAPHEME || countGraphemes(value) > max;
}

/**
 * The message id for `value` under the rule and a length of at most `max` graphemes (the hygiene
 * problem first, then `form.tooLong`), or null when it is fine.
 */
export function checkPlainText(value: string, max: number, rule: TextRule = {}): string | null {
	const problem = findTextProblem(value, rule);
	if (problem) return TEXT_PROBLEM_MESSAGES[problem];
	return isTooLong(value, max) ? 'form.tooLong' : null;
}

/** The rule as a zod refinement: `z.string().trim().superRefine(refinePlainText(60))`. */
export function refinePlainText(
	max: number,
	rule: TextRule = {},
): (value: string, ctx: z.RefinementCtx) => void {
	return (value, ctx) => {
		const message = checkPlainText(value, max, rule);
		if (message) ctx.addIssue({ code: 'custom', message });
	};
}
