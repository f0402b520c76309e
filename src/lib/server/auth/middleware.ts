import type { APIContext, MiddlewareNext } from 'astro';
import { getDb } from '../db';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from './cookie';
import { validateSessionToken } from './session';

/**
 * Reads the session cookie into `locals.user` and `locals.session` (null when signed out). It
 * authenticates only: authorisation is each action's and page's own call to a policy function.
 * A session that slid forward gets its cookie re-sent; a dead one gets its cookie cleared. Pages
 * rendered for a signed-in account are marked private so no shared cache keeps them.
 */
export async function authenticate(context: APIContext, next: MiddlewareNext): Promise<Response> {
	context.locals.user = null;
	context.locals.session = null;
	const token = context.cookies.get(SESSION_COOKIE)?.value;
	if (!token) return next();
	const result = validateSessionToken(getDb(), token, context.locals.now);
	if (!result.session) {
		deleteSessionCookie(context.cookies, context.url);
		return next();
	}
	context.locals.user = result.user;
	context.locals.session = result.session;
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
