import { ActionError, ActionInputError, type ActionAPIContext } from 'astro:actions';
import type { z } from 'zod';
import { encodeFormMessage } from '../lib/shared/forms/form-message';
import {
	parseForm,
	type FieldSchemas,
	type FormIssue,
	type FormValues,
} from '../lib/shared/forms/parse-form';
import { toRetryAfterSeconds } from '../lib/server/auth/rate-limit';
import type { AuthUser } from '../lib/server/auth/session';
import type { Refusal } from '../lib/server/merchant/outcome';

/** Field errors in the shape Astro's `isInputError` and `error.fields` read on the page. */
export function inputError(issues: FormIssue[]): ActionInputError<Record<string, unknown>> {
	return new ActionInputError(
		issues.map((i) => ({ code: 'custom', path: [i.field], message: i.message }) as z.ZodIssue),
	);
}

/** Parses a form or throws its field errors. */
export function parseOrThrow<F extends FieldSchemas>(form: FormData, fields: F): FormValues<F> {
	const parsed = parseForm(form, fields);
	if (!parsed.ok) throw inputError(parsed.issues);
	return parsed.data;
}

/**
 * The signed-in account, or an UNAUTHORIZED error: every action that changes an account's data
 * starts here, whatever URL the form was posted to.
 */
export function requireUser(context: ActionAPIContext): AuthUser {
	const user = context.locals.user;
	if (!user || !context.locals.session) {
		throw new ActionError({ code: 'UNAUTHORIZED', message: 'form.signedOut' });
	}
	return user;
}

/**
 * Turns a domain refusal into the action error the page shows. With the action's `context`, a
 * rate-limited refusal also sets `locals.retryAfterSeconds`, which the middleware sends as
 * `Retry-After` with the page's 429.
 */
export function refuse(refusal: Refusal, context?: ActionAPIContext): never {
	switch (refusal.kind) {
		case 'invalid':
			throw inputError(refusal.issues);
		case 'rateLimited':
			if (context) context.locals.retryAfterSeconds = toRetryAfterSeconds(refusal.retryAfterMs);
			throw new ActionError({
				code: 'TOO_MANY_REQUESTS',
				message: encodeFormMessage('auth.rateLimited', {
					minutes: Math.max(1, Math.ceil(refusal.retryAfterMs / 60_000)),
				}),
			});
		case 'notFound':
			throw new ActionError({ code: 'NOT_FOUND', message: 'form.notFound' });
		case 'forbidden':
			throw new ActionError({ code: 'FORBIDDEN', message: refusal.message });
	}
}

/** What rate limits and the sessions list know about the client. */
export function describeClient(context: ActionAPIContext): {
	address: string;
	userAgent: string | null;
	now: Date;
} {
	return {
		address: context.locals.clientAddress,
		userAgent: context.request.headers.get('user-agent'),
		now: context.locals.now,
	};
}
