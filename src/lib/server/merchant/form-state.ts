import { isActionError, isInputError } from 'astro:actions';
import type { Translate } from '../../../i18n';
import { translateMessage } from './message';

type ActionResult = { data?: unknown; error?: unknown } | undefined;

/** What a form page needs after a POST: translated errors and what the user typed. */
export interface FormState {
	/** This page's action ran on this request. */
	submitted: boolean;
	/** It ran and succeeded. */
	succeeded: boolean;
	/** Translated message per field (`email`, `productPrice.2`); the first problem of each. */
	fieldErrors: Record<string, string>;
	/** A message about the whole form (rate limit, signed out, …), or null. */
	formError: string | null;
	/** The submitted text values, to put back in the fields (never passwords). */
	values: Record<string, string>;
	/** Every submitted value of repeated fields (product rows). */
	lists: Record<string, string[]>;
}

const NEVER_ECHOED = new Set(['password', 'confirm', 'current', 'next', 'code', 'reentryPassword']);

function describeError(t: Translate, error: unknown, bodyLimitMb: number): string {
	if (!isActionError(error)) return t('form.failed');
	if (error.code === 'CONTENT_TOO_LARGE') return t('form.tooLarge', { max: bodyLimitMb });
	if (error.code === 'INTERNAL_SERVER_ERROR') return t('form.failed');
	const fallback = error.code === 'FORBIDDEN' ? 'form.forbidden' : 'form.failed';
	return translateMessage(t, error.message, fallback);
}

/**
 * Reads the result of `action` for this request and, after a failure, the values that were sent,
 * so the page can show each error next to its field and keep the rest of the input. A body larger
 * than Astro's action limit is not read again.
 */
export async function readFormState(
	request: Request,
	result: ActionResult,
	t: Translate,
	bodyLimitBytes: number,
): Promise<FormState> {
	const state: FormState = {
		submitted: result !== undefined,
		succeeded: result !== undefined && !result.error,
		fieldErrors: {},
		formError: null,
		values: {},
		lists: {},
	};
	if (!result?.error) return state;
	if (isInputError(result.error)) {
		for (const [field, messages] of Object.entries(result.error.fields)) {
			const first = (messages as string[] | undefined)?.[0];
			if (first) state.fieldErrors[field] = translateMessage(t, first, 'form.invalid');
		}
	} else {
		state.formError = describeError(t, result.error, Math.floor(bodyLimitBytes / 1024 / 1024));
	}
	const length = Number(request.headers.get('content-length') ?? 'NaN');
	const type = request.headers.get('content-type') ?? '';
	const isForm =
		type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded');
	if (request.method === 'POST' && isForm && Number.isFinite(length) && length <= bodyLimitBytes) {
		try {
			const form = await request.formData();
			for (const key of new Set(form.keys())) {
				if (NEVER_ECHOED.has(key)) continue;
				const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
				state.lists[key] = all;
				if (all[0] !== undefined) state.values[key] = all[0];
			}
		} catch {
			// An unreadable body: the fields start empty.
		}
	}
	return state;
}
