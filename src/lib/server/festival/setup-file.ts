import { z } from 'zod';
import { encodeFormMessage } from '../../shared/forms/form-message';
import { refinePlainText } from '../../shared/text-hygiene';
import { isDayKey } from '../../shared/time';
import { checkFestivalFrame, isTimeZone } from './festival-rules';
import { REFERENCE_CODE, REFERENCE_NAME_MAX } from './reference-lists';

/**
 * The file a bureau sets its festival up from (`npm run festival:setup -- festival.json`, see
 * deploy/festival.example.json): names, dates, time zone, submission window, the results window,
 * districts and categories. Every key is checked (an unknown one is a typo, not ignored), and the
 * problems are reported together, each with its JSON path (`districts[3].code`) and a message id of the
 * operations catalogue. Each list entry is named by its code, which is what keeps its id when the
 * file changes; `renamedFrom` moves an entry to a new code.
 *
 * Issue 17 adds a `venues` list here (one more key in `festivalFileSchema` and one more step in
 * setup.ts): until then the key is recognised and refused, so a file written for a later version
 * is not half-applied.
 */

/** `2026-05-20T09:00`: a wall-clock time in the festival's zone. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const code = z.string().regex(REFERENCE_CODE, 'setup.code');
const text = (max: number) =>
	z.string().trim().min(1, 'form.required').superRefine(refinePlainText(max));
const names = (zh: number, en: number) => z.object({ zh: text(zh), en: text(en) }).strict();
const localTime = z.string().regex(LOCAL_TIME, 'setup.localTime');

const entry = z
	.object({
		code,
		name: names(REFERENCE_NAME_MAX.zh, REFERENCE_NAME_MAX.en),
		renamedFrom: code.optional(),
	})
	.strict();

export const festivalFileSchema = z
	.object({
		$schema: z.string().optional(),
		slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'setup.slug'),
		name: names(60, 120),
		city: code,
		timezone: z.string().refine(isTimeZone, 'staff.settings.timezoneInvalid'),
		dates: z
			.object({
				start: z.string().refine(isDayKey, 'setup.date'),
				end: z.string().refine(isDayKey, 'setup.date'),
			})
			.strict(),
		submission: z.object({ opens: localTime, closes: localTime }).strict(),
		/** Until when merchants may report a session's results (default: a week after the end). */
		results: z.object({ reportUntil: localTime }).strict().optional(),
		/** Absent: left as it is (a new festival starts unpublished). */
		published: z.boolean().optional(),
		/** Absent or true: this festival becomes the current one. */
		current: z.boolean().optional(),
		districts: z.array(entry).min(1, 'setup.listEmpty').max(100, 'setup.listLong?max=100'),
		categories: z.array(entry).min(1, 'setup.listEmpty').max(200, 'setup.listLong?max=200'),
		venues: z.unknown().optional(),
	})
	.strict()
	.superRefine((file, ctx) => {
		if (file.venues !== undefined) {
			ctx.addIssue({ code: 'custom', path: ['venues'], message: 'setup.venuesLater' });
		}
		const frame = checkFestivalFrame({
			startDate: file.dates.start,
			endDate: file.dates.end,
			timezone: file.timezone,
			submissionOpens: file.submission.opens,
			submissionCloses: file.submission.closes,
		});
		const paths: Record<string, string[]> = {
			endDate: ['dates', 'end'],
			submissionOpens: ['submission', 'opens'],
			submissionCloses: ['submission', 'closes'],
		};
		for (const issue of frame.issues) {
			ctx.addIssue({ code: 'custom', path: paths[issue.field] ?? [], message: issue.message });
		}
		const end = file.dates.end;
		if (file.results && isDayKey(end) && file.results.reportUntil < `${end}T23:59`) {
			ctx.addIssue({
				code: 'custom',
				path: ['results', 'reportUntil'],
				message: 'setup.reportEarly',
			});
		}
		for (const list of ['districts', 'categories'] as const) checkCodes(file[list], list, ctx);
	});

export type FestivalFile = z.output<typeof festivalFileSchema>;
export type FestivalFileEntry = z.output<typeof entry>;

/** Two entries of one list may not share a code, nor rename from a code another entry keeps. */
function checkCodes(list: FestivalFileEntry[], name: string, ctx: z.RefinementCtx): void {
	const seen = new Map<string, number>();
	list.forEach((item, i) => {
		for (const [key, value] of [
			['code', item.code],
			['renamedFrom', item.renamedFrom],
		] as const) {
			if (value === undefined) continue;
			const first = seen.get(value);
			if (first !== undefined) {
				const message = encodeFormMessage('setup.duplicate', { first: `${name}[${first}]` });
				ctx.addIssue({ code: 'custom', path: [name, i, key], message });
			} else seen.set(value, i);
		}
	});
}

/** zod's own problems (a wrong type, an unknown or missing key) as message ids. */
const fileErrorMap: z.ZodErrorMap = (issue, ctx) => {
	switch (issue.code) {
		case 'invalid_type':
			return issue.received === 'undefined'
				? { message: 'form.required' }
				: { message: encodeFormMessage('setup.type', { expected: issue.expected }) };
		case 'unrecognized_keys':
			return { message: encodeFormMessage('setup.unknownKey', { keys: issue.keys.join(', ') }) };
		default:
			return { message: ctx.defaultError === 'Invalid input' ? 'form.invalid' : ctx.defaultError };
	}
};

/** `['districts', 3, 'code']` → `districts[3].code`; the whole file is `(file)`. */
export function formatJsonPath(path: readonly (string | number)[]): string {
	let out = '';
	for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
	return out || '(file)';
}

export interface FileProblem {
	/** The JSON path, `districts[3].code`. */
	path: string;
	/** A message id, possibly with parameters (`setup.duplicate?first=districts[0]`). */
	message: string;
}

export type FestivalFileParse =
	{ ok: true; file: FestivalFile } | { ok: false; problems: FileProblem[] };

/** Reads the file's text: JSON syntax first (with its line and column), then the schema. */
export function parseFestivalFile(source: string): FestivalFileParse {
	let json: unknown;
	try {
		json = JSON.parse(source);
	} catch (error) {
		const at = /position (\d+)/.exec((error as Error).message);
		const offset = at ? Number(at[1]) : 0;
		const before = source.slice(0, offset).split('\n');
		const message = encodeFormMessage('setup.json', {
			line: before.length,
			column: before.at(-1)!.length + 1,
		});
		return { ok: false, problems: [{ path: '(file)', message }] };
	}
	const parsed = festivalFileSchema.safeParse(json, { errorMap: fileErrorMap });
	if (parsed.success) return { ok: true, file: parsed.data };
	return {
		ok: false,
		problems: parsed.error.issues.map((i) => ({
			path: formatJsonPath(i.path),
			message: i.message,
		})),
	};
}
