import type { AstroCookies } from 'astro';
import { env } from '../env';

/** The session cookie's name. */
export const SESSION_COOKIE = 'livefest_session';

/**
 * `Secure` whenever the site is served over https: either this request came in over https, or the
 * configured public origin is https (TLS ends at a proxy in front of the node server).
 */
export function isSecureRequest(url: URL): boolean {
	return url.protocol === 'https:' || env.publicOrigin.startsWith('https:');
}

/**
 * Sends the session token: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/ and a lifetime equal to the session's, so the browser drops it when the server
 * would. The lifetime is a Max-Age (seconds from now), not an Expires date, so a browser whose
 * clock differs from the server's still keeps the cookie exactly as long.
 */
export function setSessionCookie(
	cookies: AstroCookies,
	token: string,
	expiresAt: Date,
	now: Date,
	url: URL,
): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureRequest(url),
		path: '/',
		maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
	});
}

/** Tells the browser to forget the session cookie. */
export function deleteSessionCookie(cookies: AstroCookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureRequest(url),
		path: '/',
	});
}
