/** Mainland China mobile numbers: 11 digits starting 13–19 (all current carriers' ranges). */

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * Drops what people type around the number — spaces, dashes, and a +86 / 0086 country code — and
 * turns full-width digits into ASCII.
 */
export function normalizeMobile(raw: string): string {
	const digits = raw.normalize('NFKC').replace(/[\s\-()]/g, '');
	return digits.replace(/^(?:\+86|0086)(?=1\d{10}$)/, '');
}

/** True for a mainland mobile number in canonical form (run `normalizeMobile` first). */
export function isValidMainlandMobile(s: string): boolean {
	return MOBILE_PATTERN.test(s);
}
