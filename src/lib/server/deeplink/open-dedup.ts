/**
 * One open per browser and room for a few minutes, with no personal data: the browser itself
 * keeps a cookie that says only "opened" (value `1`), scoped by `Path` to that one room's open
 * counter (or /go page), expiring after OPEN_DEDUP_SECONDS. The server stores nothing about the
 * visitor and reads nothing else; a cookie on so narrow a path never reaches a public page, so the
 * page cache (which passes by any request carrying a cookie) is untouched.
 */

/** How long repeated opens of one room from one browser count once. */
export const OPEN_DEDUP_SECONDS = 10 * 60;

const COOKIE = 'lf_opened';

/** Whether this request's browser counted an open of the path's room within the window. */
export function wasOpenedRecently(request: Request): boolean {
	const header = request.headers.get('cookie') ?? '';
	return header.split(';').some((part) => part.trim() === `${COOKIE}=1`);
}

/** The `Set-Cookie` that marks the room opened in this browser, for `path` only. */
export function markOpened(path: string, secure: boolean): string {
	return [
		`${COOKIE}=1`,
		`Path=${path}`,
		`Max-Age=${OPEN_DEDUP_SECONDS}`,
		'HttpOnly',
		'SameSite=Strict',
		...(secure ? ['Secure'] : []),
	].join('; ');
}
