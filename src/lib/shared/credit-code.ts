/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a
 * check character over the first 17. Browser-safe so the registration form can flag a typo before
 * submitting.
 */

/** The 31 characters a code may use, in value order (no I, O, Z, S, V). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const BODY_PATTERN = /^[0-9A-HJ-NP-RTUW-Y]{17}$/;
const CODE_PATTERN = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/**
 * Computes the check character for the first 17 characters of a code, so the seed and tests can
 * build valid codes and the validator has one place that knows the algorithm.
 * Throws when `first17` is not 17 uppercase characters of the alphabet: that is a caller's bug.
 */
export function computeCreditCodeCheckChar(first17: string): string {
	if (!BODY_PATTERN.test(first17)) {
		throw new RangeError('computeCreditCodeCheckChar needs 17 characters of the GB 32100 alphabet');
	}
	let sum = 0;
	for (let i = 0; i < 17; i += 1) {
		sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
	}
	return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * True when `code` is 18 characters of the alphabet with a matching check character. Only
 * uppercase is accepted: callers normalise (trim, upper-case) first, so what is stored is canonical.
 * The checksum catches every single-character typo, not whether the code was ever issued.
 */
export function isValidCreditCode(code: string): boolean {
	if (!CODE_PATTERN.test(code)) return false;
	return computeCreditCodeCheckChar(code.slice(0, 17)) === code[17];
}
