/**
 * Paths served the same to everyone, whoever asks: the venue widget other sites frame
 * (`/embed/…`) and the open feeds republishers poll (`/api/v1/…`, a venue's calendar). The
 * middleware reads no session for them and sets no cookie (src/lib/server/auth/middleware.ts),
 * so every answer is public data and cacheable; the widget alone may be framed (security/csp.ts).
 */

/** The embeddable widgets: a venue's and a district's live-now/next list. */
export const EMBED_PATH = /^(\/en)?\/embed\//;

/** The open feeds: the versioned JSON API and its description, XMLTV, a venue's calendar. */
export const FEED_PATH = /^(\/api\/v1\/|(\/en)?\/venues\/[^/]+\.ics$)/;

/** Whether `pathname` is served without reading a session (the widget or a feed). */
export function isOpenPath(pathname: string): boolean {
	return EMBED_PATH.test(pathname) || FEED_PATH.test(pathname);
}
