import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/**
 * TOTP (RFC 6238) as every authenticator app reads it: HMAC-SHA1, 30-second steps, 6 digits,
 * a 160-bit key. Codes are checked against the portal's clock (injected, like every "now"), with
 * one step of drift either way: a phone a few seconds off still signs in.
 */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const KEY_BYTES = 20;
/** The issuer authenticator apps show above the account name. */
const ISSUER = 'livefest';

/** A fresh random TOTP key. */
export function createTotpKey(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

/** The key as typed into an app by hand (base32, in groups of four), and the QR code's URI. */
export function describeTotpKey(
	key: Uint8Array,
	accountName: string,
): { uri: string; secret: string } {
	return {
		uri: createTOTPKeyURI(ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS),
		secret: encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 '),
	};
}

/** A key posted back by the enrolment form (base32); undefined unless it is exactly 20 bytes. */
export function parseTotpKey(encoded: string): Uint8Array | undefined {
	try {
		const key = decodeBase32IgnorePadding(encoded.replace(/\s+/g, '').toUpperCase());
		return key.length === KEY_BYTES ? key : undefined;
	} catch {
		return undefined;
	}
}

/** The TOTP time step of an instant. */
export function getTotpStep(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** Whether text is shaped like a TOTP code (six digits; spaces are ignored). */
export function isTotpShaped(code: string): boolean {
	return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code);
}

/**
 * The time step whose code `code` is — the previous, current or next step at `now`, and only
 * steps after `afterStep` (the last one accepted), so no code is accepted twice — or null.
 * Each candidate is compared in constant time (@oslojs/otp `verifyHOTP`).
 */
export function matchTotpStep(
	key: Uint8Array,
	code: string,
	now: Date,
	afterStep: number,
): number | null {
	const step = getTotpStep(now);
	for (const candidate of [step - 1, step, step + 1]) {
		if (candidate <= afterStep) continue;
		if (verifyHOTP(key, BigInt(candidate), TOTP_DIGITS, code)) return candidate;
	}
	return null;
}
