/**
 * Shape checks for the two inputs every deep link into a merchant's mini program is built from.
 * Browser-safe so forms can check as the merchant types; the server checks again.
 */

const APP_ID_PATTERN = /^wx[0-9a-f]{16}$/;
const PAGE_PATH_PATTERN = /^[A-Za-z0-9_\-./]+$/;

/** The longest page path accepted; WeChat documents no limit, this keeps links sane. */
export const MINI_PROGRAM_PATH_MAX_LENGTH = 1024;

/**
 * True for `wx` followed by 16 lowercase hex digits. That is the convention every AppID follows,
 * not a documented guarantee, so error messages should say "looks wrong" rather than "is invalid".
 */
export function isValidAppId(s: string): boolean {
	return APP_ID_PATTERN.test(s);
}

/**
 * True for a page path usable in a URL Scheme (`path=`): WeChat rejects a leading `/` and a query
 * (`?`), and a fragment or whitespace would break the link we build, so only path characters pass.
 */
export function isValidMiniProgramPath(s: string): boolean {
	return (
		s.length > 0 &&
		s.length <= MINI_PROGRAM_PATH_MAX_LENGTH &&
		!s.startsWith('/') &&
		PAGE_PATH_PATTERN.test(s)
	);
}

const URL_LINK_PATTERN = /^https:\/\/wxaurl\.cn\/[A-Za-z0-9]{6,64}$/;

/**
 * True for a URL Link as WeChat's `generate_urllink` issues them (`https://wxaurl.cn/TICKET`).
 * Only that host is accepted: the portal sends citizens to this address, so it must not be a way
 * to link anywhere else.
 */
export function isValidUrlLink(s: string): boolean {
	return URL_LINK_PATTERN.test(s);
}
