import { describe, expect, it } from 'vitest';
import { requiredText, optionalText } from '../../../src/lib/shared/forms/parse-form';
import {
	checkPlainText,
	countGraphemes,
	findTextProblem,
} from '../../../src/lib/shared/text-hygiene';

/** Unit: the one text rule every form and the importer share (src/lib/shared/text-hygiene.ts). */

const cp = (code: number) => String.fromCodePoint(code);
const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('findTextProblem', () => {
	it('every C0 and C1 control character and DEL in a line of text is refused', () => {
		const codes = [...range(0x00, 0x1f), 0x7f, ...range(0x80, 0x9f)];
		const found = codes.map((c) => findTextProblem(`荔枝${cp(c)}小店`));
		expect(found).toEqual(codes.map(() => 'control'));
	});

	it('a multi-line field keeps tab and line breaks and refuses the other controls', () => {
		expect([
			findTextProblem('第一行\r\n第二行\t缩进', { multiline: true }),
			findTextProblem('a\u0001b', { multiline: true }),
			findTextProblem('a\u000bb', { multiline: true }),
			findTextProblem('a\u0085b', { multiline: true }),
			findTextProblem('a\tb'),
			findTextProblem('a\nb'),
		]).toEqual([null, 'control', 'control', 'control', 'control', 'control']);
	});

	it('every bidi embedding, override and isolate is refused', () => {
		const codes = [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
		expect(codes.map((c) => findTextProblem(`gnp${cp(c)}.exe`))).toEqual(codes.map(() => 'bidi'));
	});

	it('a value of only invisible characters is refused; with visible text they are kept', () => {
		const invisible = [
			'\u200b',
			'\u200b\u200c\u200d',
			'\ufeff',
			'\u2060',
			'\u3164',
			'\u00ad',
			'\u2800',
			' \u200b ',
		];
		expect([
			invisible.map((v) => findTextProblem(v)),
			findTextProblem('👩\u200d👩\u200d👧'),
			findTextProblem('荔枝\u200b小店'),
			findTextProblem(''),
		]).toEqual([invisible.map(() => 'invisible'), null, null, null]);
	});

	it('ordinary Chinese, English, emoji and full-width text passes', () => {
		expect(
			['广州荔枝节', 'Amy 林 · 直播', '🎉 新品 🎉', '１２３ＡＢＣ', "O'Brien & Co."].map((v) =>
				findTextProblem(v),
			),
		).toEqual([null, null, null, null, null]);
	});
});

describe('lengths in graphemes', () => {
	it('countGraphemes counts what a person sees', () => {
		expect([
			countGraphemes('荔枝'),
			countGraphemes('👩‍👩‍👧'),
			countGraphemes('🇨🇳'),
			countGraphemes('é'),
			countGraphemes(''),
		]).toEqual([2, 1, 1, 1, 0]);
	});

	it('checkPlainText allows max graphemes however many code units they take', () => {
		const families = '👩‍👩‍👧'.repeat(5);
		expect([
			checkPlainText(families, 5),
			checkPlainText(families + 'x', 5),
			checkPlainText('x'.repeat(100_000), 30),
			checkPlainText('荔\u202e枝', 30),
		]).toEqual([null, 'form.tooLong', 'form.tooLong', 'form.bidiControl']);
	});
});

describe('form fields use the rule', () => {
	it('requiredText and optionalText refuse each problem with its own message', () => {
		const required = requiredText(40);
		const described = optionalText(100, { multiline: true });
		const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
			r.success ? 'ok' : r.error!.issues[0]!.message;
		expect([
			message(required.safeParse('荔枝\u0001小店')),
			message(required.safeParse('荔枝\u007f小店')),
			message(required.safeParse('exe\u202egnp')),
			message(required.safeParse('\u200b\u200b')),
			message(required.safeParse('   ')),
			message(required.safeParse('荔枝小店')),
			message(described.safeParse('第一行\r\n第二行')),
			message(described.safeParse('第一行\u2066')),
		]).toEqual([
			'form.controlChars',
			'form.controlChars',
			'form.bidiControl',
			'form.invisibleOnly',
			'form.required',
			'ok',
			'ok',
			'form.bidiControl',
		]);
	});
});
