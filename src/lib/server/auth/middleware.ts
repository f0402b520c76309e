import type { APIContext, MiddlewareNext } from 'astro';
import { getDb } from '../db';
import { isOpenPath } from '../security/open-paths';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from './cookie';
import { invalidateSession, validateSessionToken } from './session';
import { PENDING_SIGN_IN_MS } from './sign-in-code';

/**
 * Reads the session cookie into `locals.user` and `locals.session` (null when signed out). It
 * authenticates only: authorisation is each action's and page's own call to a policy function.
 * A session of an account with an authenticator that has not yet given its code is no sign-in
 * at all — user and session stay null, and only `locals.pendingSignIn` (read by the code step)
 * knows it — so no page or action can forget to ask for the code; one left waiting over
 * PENDING_SIGN_IN_MS is ended. A session that slid forward gets its cookie re-sent; a dead one
 * gets its cookie cleared. Pages rendered for a signed-in account are marked private so no
 * shared cache keeps them.
 */
export async function authenticate(context: APIContext, next: MiddlewareNext): Promise<Response> {
	context.locals.user = null;
	context.locals.session = null;
	context.locals.pendingSignIn = null;
	// The widget and the open feeds are the same for everyone: no session is read, no cookie set.
	if (isOpenPath(context.url.pathname)) return next();
	const token = context.cookies.get(SESSION_COOKIE)?.value;
	if (!token) return next();
	const db = getDb();
	const result = validateSessionToken(db, token, context.locals.now);
	if (!result.session) {
		deleteSessionCookie(context.cookies, context.url);
		return next();
	}
	if (result.user.twoFactorEnrolled && !result.session.twoFactorVerifiedAt) {
		const waited = context.locals.now.getTime() - result.session.createdAt.getTime();
		if (waited > PENDING_SIGN_IN_MS) {
			invalidateSession(db, result.session.id);
			deleteSessionCookie(context.cookies, context.url);
			return next();
		}
		const { user, session } = result;
		context.locals.pendingSignIn = { userId: user.id, email: user.email, sessionId: session.id };
	} else {
		context.locals.user = result.user;
		context.locals.session = result.session;
	}
	if (result.refreshed) {
		setSessionCookie(
			context.cookies,
			token,
			result.session.expiresAt,
			context.locals.now,
			context.url,
		);
	}
	const response = await next();
	const headers = new Headers(response.headers);
	headers.set('Cache-Control', 'private, no-store');
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers,
	});
}
