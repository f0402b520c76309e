import { ActionError, defineAction } from 'astro:actions';
import { changePassword, logIn, signUp } from '../lib/server/auth/account';
import { deleteSessionCookie, setSessionCookie } from '../lib/server/auth/cookie';
import {
	invalidateSession,
	invalidateUserSessions,
	revokeUserSession,
} from '../lib/server/auth/session';
import { checkNewPassword } from '../lib/server/auth/password';
import { getDb } from '../lib/server/db';
import { normalizeEmail } from '../lib/shared/email';
import {
	parseForm,
	type FieldSchemas,
	type FormIssue,
	type FormValues,
} from '../lib/shared/forms/parse-form';
import {
	changePasswordFields,
	loginFields,
	revokeSessionFields,
	signupFields,
} from '../lib/shared/forms/auth-form';
import { describeClient, inputError, parseOrThrow, refuse, requireUser } from './support';

/**
 * Parses a form that sets a password, reporting a weak password and a mismatched confirmation
 * together with any other field's error, so one submission shows every problem.
 */
function parseNewPasswordForm<F extends FieldSchemas>(
	form: FormData,
	fields: F,
	passwordField: string,
	email: string | undefined,
): FormValues<F> {
	const parsed = parseForm(form, fields);
	const issues: FormIssue[] = parsed.ok ? [] : [...parsed.issues];
	const password = form.get(passwordField);
	const confirm = form.get('confirm');
	if (
		typeof password === 'string' &&
		password !== '' &&
		!issues.some((i) => i.field === passwordField)
	) {
		const problem = checkNewPassword(password, email ?? '');
		if (problem) issues.push({ field: passwordField, message: `auth.password.${problem}` });
	}
	if (typeof confirm === 'string' && confirm !== '' && confirm !== password) {
		issues.push({ field: 'confirm', message: 'auth.confirmMismatch' });
	}
	if (!parsed.ok || issues.length > 0) throw inputError(issues);
	return parsed.data;
}

/** Accounts and sessions. Each form posts here with `accept: 'form'` and works without JavaScript. */
export const auth = {
	signup: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const email = form.get('email');
			const input = parseNewPasswordForm(
				form,
				signupFields,
				'password',
				typeof email === 'string' ? normalizeEmail(email) : undefined,
			);
			const result = await signUp(getDb(), input, describeClient(context));
			if (!result.ok) refuse(result, context);
			setSessionCookie(
				context.cookies,
				result.token,
				result.session.expiresAt,
				context.locals.now,
				context.url,
			);
			return { signedUp: true };
		},
	}),

	login: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const input = parseOrThrow(form, loginFields);
			const result = await logIn(getDb(), input, describeClient(context));
			if (!result.ok) refuse(result, context);
			setSessionCookie(
				context.cookies,
				result.token,
				result.session.expiresAt,
				context.locals.now,
				context.url,
			);
			// With an authenticator, the session opens nothing until the code step (/staff-login/code).
			return { signedIn: true, secondFactor: result.secondFactor };
		},
	}),

	logout: defineAction({
		accept: 'form',
		handler: async (_form, context) => {
			const sessionId = context.locals.session?.id ?? context.locals.pendingSignIn?.sessionId;
			if (sessionId) invalidateSession(getDb(), sessionId);
			deleteSessionCookie(context.cookies, context.url);
			return { signedOut: true };
		},
	}),

	/** Ends every session of the account, this one included. */
	logoutEverywhere: defineAction({
		accept: 'form',
		handler: async (_form, context) => {
			const user = requireUser(context);
			const ended = invalidateUserSessions(getDb(), user.id);
			deleteSessionCookie(context.cookies, context.url);
			return { ended };
		},
	}),

	revokeSession: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const user = requireUser(context);
			const { sessionId } = parseOrThrow(form, revokeSessionFields);
			if (sessionId === context.locals.session?.id) {
				throw new ActionError({ code: 'BAD_REQUEST', message: 'account.revokeCurrent' });
			}
			if (!revokeUserSession(getDb(), user.id, sessionId)) {
				throw new ActionError({ code: 'NOT_FOUND', message: 'form.notFound' });
			}
			return { revoked: true };
		},
	}),

	changePassword: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const user = requireUser(context);
			const input = parseNewPasswordForm(form, changePasswordFields, 'next', user.email);
			const result = await changePassword(
				getDb(),
				user,
				context.locals.session!.id,
				{ current: input.current, next: input.next },
				describeClient(context),
			);
			if (!result.ok) refuse(result, context);
			return { endedSessions: result.endedSessions };
		},
	}),
};
