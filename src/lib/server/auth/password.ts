import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords';

/**
 * argon2id with OWASP's baseline cost (19 MiB, 2 passes, 1 lane): milliseconds for one log-in, yet
 * each guess costs an attacker with a stolen table 19 MiB of memory, so guessing at scale is slow.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN_LENGTH = 10;
/** Bounds the work one request can cause; no one types more. */
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail';

/** Why a new password is refused, or null when it is acceptable. */
export function checkNewPassword(password: string, email: string): PasswordProblem | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN_LENGTH) return 'tooShort';
	if (length > PASSWORD_MAX_LENGTH) return 'tooLong';
	if (isCommonPassword(password)) return 'common';
	const local = email.split('@')[0] ?? '';
	if (local.length >= 4 && password.toLowerCase().includes(local.toLowerCase())) {
		return 'containsEmail';
	}
	return null;
}

/** An argon2id hash in PHC string form (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

/** Whether a password matches its stored hash; false (not an error) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when the email is unknown, so response times do not tell
 * which addresses have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('livefest-dummy-password-for-timing');
	await verifyPassword(await dummyHash, password);
	return false;
}
