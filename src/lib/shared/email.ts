/** Email addresses as accounts are keyed: one canonical form, so one address is one account. */

export const EMAIL_MAX_LENGTH = 254;
const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/**
 * Trimmed, Unicode-normalised (NFKC turns full-width ＠ and letters typed with a Chinese input
 * method into ASCII) and lower-cased. Lower-casing the local part is not what RFC 5321 says, but
 * no mail provider a merchant uses treats case as significant, and it stops look-alike duplicates.
 */
export function normalizeEmail(raw: string): string {
	return raw.normalize('NFKC').trim().toLowerCase();
}

/** A plausible address after normalisation: one `@`, a dot in the domain, no spaces. */
export function isPlausibleEmail(email: string): boolean {
	return email.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(email);
}
