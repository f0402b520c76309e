import { eq } from 'drizzle-orm';
import { user } from '../../../../db/schema';
import type { Db } from '../db';
import { invalid, type Outcome } from '../merchant/outcome';
import {
	checkRateLimit,
	findRetryAfter,
	hitRateLimit,
	LOGIN_PER_ACCOUNT,
	LOGIN_PER_ADDRESS,
	resetRateLimit,
	SIGNUP_PER_ACCOUNT,
	SIGNUP_PER_ADDRESS,
} from './rate-limit';
import { checkNewPassword, hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import {
	createSession,
	deleteExpiredSessions,
	invalidateUserSessions,
	type AuthSession,
} from './session';

interface Client {
	/** The client's network address, for per-address rate limits. */
	address: string;
	userAgent: string | null;
	now: Date;
}

export type SignedIn = Outcome<{ token: string; session: AuthSession }>;

function isUniqueViolation(error: unknown): boolean {
	return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Creates a merchant account and signs it in. Every attempt counts against the email's and the
 * address's sign-up limits before anything else happens, so the form cannot be used to probe
 * which addresses have accounts faster than the limits allow.
 */
export async function signUp(
	db: Db,
	input: { email: string; password: string },
	client: Client,
): Promise<SignedIn> {
	const retryAfterMs = findRetryAfter([
		checkRateLimit(db, SIGNUP_PER_ACCOUNT, input.email, client.now),
		checkRateLimit(db, SIGNUP_PER_ADDRESS, client.address, client.now),
	]);
	if (retryAfterMs !== null) return { ok: false, kind: 'rateLimited', retryAfterMs };
	hitRateLimit(db, SIGNUP_PER_ACCOUNT, input.email, client.now);
	hitRateLimit(db, SIGNUP_PER_ADDRESS, client.address, client.now);

	const problem = checkNewPassword(input.password, input.email);
	if (problem) return invalid('password', `auth.password.${problem}`);
	const taken = db.select({ id: user.id }).from(user).where(eq(user.email, input.email)).get();
	if (taken) return invalid('email', 'auth.emailTaken');

	const passwordHash = await hashPassword(input.password);
	try {
		return db.$client.transaction(() => {
			const created = db
				.insert(user)
				.values({
					email: input.email,
					passwordHash,
					role: 'merchant',
					createdAt: client.now,
					updatedAt: client.now,
				})
				.returning({ id: user.id, role: user.role })
				.get();
			return { ok: true as const, ...createSession(db, created, client) };
		})();
	} catch (error) {
		// Two sign-ups for one address raced past the check above.
		if (isUniqueViolation(error)) return invalid('email', 'auth.emailTaken');
		throw error;
	}
}

/**
 * Checks an email and password and starts a session. Failures count against the account and the
 * client address; a success clears the account's count. The answer for an unknown email and for a
 * wrong password is the same, and takes the same time.
 */
export async function logIn(
	db: Db,
	input: { email: string; password: string },
	client: Client,
): Promise<SignedIn> {
	const retryAfterMs = findRetryAfter([
		checkRateLimit(db, LOGIN_PER_ACCOUNT, input.email, client.now),
		checkRateLimit(db, LOGIN_PER_ADDRESS, client.address, client.now),
	]);
	if (retryAfterMs !== null) return { ok: false, kind: 'rateLimited', retryAfterMs };

	const account = db.select().from(user).where(eq(user.email, input.email)).get();
	const matches = account
		? await verifyPassword(account.passwordHash, input.password)
		: await verifyAgainstDummy(input.password);
	if (!account || !matches) {
		hitRateLimit(db, LOGIN_PER_ACCOUNT, input.email, client.now);
		hitRateLimit(db, LOGIN_PER_ADDRESS, client.address, client.now);
		return invalid('password', 'auth.wrongCredentials');
	}
	resetRateLimit(db, LOGIN_PER_ACCOUNT, input.email);
	deleteExpiredSessions(db, client.now);
	return { ok: true, ...createSession(db, account, client) };
}

/**
 * Changes a password after checking the current one, and ends every other session of the account:
 * whoever else held one (perhaps the reason for the change) is signed out.
 */
export async function changePassword(
	db: Db,
	account: { id: number; email: string },
	currentSessionId: string,
	input: { current: string; next: string },
	now: Date,
): Promise<Outcome<{ endedSessions: number }>> {
	const row = db.select().from(user).where(eq(user.id, account.id)).get();
	if (!row) return { ok: false, kind: 'notFound' };
	if (!(await verifyPassword(row.passwordHash, input.current))) {
		return invalid('current', 'account.wrongCurrentPassword');
	}
	const problem = checkNewPassword(input.next, account.email);
	if (problem) return invalid('next', `auth.password.${problem}`);
	const passwordHash = await hashPassword(input.next);
	const endedSessions = db.$client.transaction(() => {
		db.update(user).set({ passwordHash, updatedAt: now }).where(eq(user.id, account.id)).run();
		return invalidateUserSessions(db, account.id, currentSessionId);
	})();
	return { ok: true, endedSessions };
}
