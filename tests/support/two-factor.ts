import { generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { userTotp } from '../../db/schema';
import { totpKeyContext } from '../../src/lib/server/auth/second-factor';
import { getTotpStep, TOTP_DIGITS } from '../../src/lib/server/auth/totp';
import { createSecretBox } from '../../src/lib/server/crypto/secret-box';
import type { Db } from '../../src/lib/server/db';

/** The SECRETS_KEY of test servers that open authenticator keys (32 bytes, base64). */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

/** The box test servers with TEST_SECRETS_KEY use. */
export const testSecretBox = createSecretBox(Buffer.from(TEST_SECRETS_KEY, 'base64'));

/** A fixed authenticator key per account, so a test can compute its codes. */
export function getTestTotpKey(userId: number): Uint8Array {
	return new Uint8Array(20).map((_, i) => (userId * 31 + i * 7) % 256);
}

/**
 * Gives an account an enrolled authenticator (the key sealed with TEST_SECRETS_KEY, no recovery
 * codes): what an admin needs to reach the console. Returns the key.
 */
export function enrolTestAuthenticator(db: Db, userId: number, at: Date): Uint8Array {
	const key = getTestTotpKey(userId);
	const keySealed = testSecretBox.seal(encodeBase32UpperCaseNoPadding(key), totpKeyContext(userId));
	db.insert(userTotp)
		.values({ userId, keySealed, confirmedAt: at, lastUsedStep: 0, createdAt: at })
		.run();
	return key;
}

/** The code an authenticator with `key` shows at `at`, `offset` steps later or earlier. */
export function computeTotp(key: Uint8Array, at: Date, offset = 0): string {
	return generateHOTP(key, BigInt(getTotpStep(at) + offset), TOTP_DIGITS);
}
