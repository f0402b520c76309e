import { eq } from 'drizzle-orm';
import { user } from '../../../../db/schema';
import type { Db } from '../db';
import { invalid, type Outcome } from '../merchant/outcome';
import { getPasswordKeys, getSignupKeys } from './limit-rules';
import { consumeRateLimits, pruneRateLimits, refundRateLimits, resetRateLimit } from './rate-limit';
import { checkNewPassword, hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import { hasSecondFactor } from './second-factor';
import {
	createSession,
	deleteExpiredSessions,
	invalidateUserSessions,
	type AuthSession,
} from './session';

export interface Client {
	/** The client's address as the serving layer decided it, for per-address rate limits. */
	address: string;
	userAgent: string | null;
	now: Date;
}

/** A new session; `secondFactor` when it opens nothing until a code is given (sign-in-code.ts). */
export type SignedIn = Outcome<{ token: string; session: AuthSession; secondFactor: boolean }>;

function isUniqueViolation(error: unknown): boolean {
	return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Creates a merchant account and signs it in. Every attempt — one that creates an account too —
 * counts against the sign-up limits (limit-rules.ts) before anything else happens, so the form
 * cannot be used to make accounts in bulk, or to probe which emails have one, faster than they
 * allow.
 */
export async function signUp(
	db: Db,
	input: { email: string; password: string },
	client: Client,
): Promise<SignedIn> {
	const counted = consumeRateLimits(db, getSignupKeys(input.email, client.address), client.now);
	if (!counted.ok) return { ok: false, kind: 'rateLimited', retryAfterMs: counted.retryAfterMs };

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
			return { ok: true as const, ...createSession(db, created, client), secondFactor: false };
		})();
	} catch (error) {
		// Two sign-ups for one address raced past the check above.
		if (isUniqueViolation(error)) return invalid('email', 'auth.emailTaken');
		throw error;
	}
}

/**
 * Checks a password for an account, counting the attempt against the password limits before the
 * check (limit-rules.ts: per account and address, per address, per account) and handing it back
 * when the password is right, which also clears that (account, address) pair. Parallel guesses
 * cannot outrun the count; a stranger's wrong guesses close only their own pair.
 */
export async function checkPasswordAttempt(
	db: Db,
	account: { email: string; passwordHash: string } | undefined,
	input: { email: string; password: string },
	client: Client,
): Promise<Outcome<object>> {
	const keys = getPasswordKeys(input.email, client.address);
	const counted = consumeRateLimits(db, keys, client.now);
	if (!counted.ok) return { ok: false, kind: 'rateLimited', retryAfterMs: counted.retryAfterMs };
	const matches = account
		? await verifyPassword(account.passwordHash, input.password)
		: await verifyAgainstDummy(input.password);
	if (!matches) return invalid('password', 'auth.wrongCredentials');
	refundRateLimits(db, counted.ticket);
	resetRateLimit(db, keys[0]!);
	return { ok: true };
}

/**
 * Checks an email and password and starts a session (limits: checkPasswordAttempt). The answer
 * for an unknown email and for a wrong password is the same, and takes the same time. For an
 * account with an authenticator the session waits for a code (`secondFactor`, sign-in-code.ts).
 */
export async function logIn(
	db: Db,
	input: { email: string; password: string },
	client: Client,
): Promise<SignedIn> {
	const account = db.select().from(user).where(eq(user.email, input.email)).get();
	const checked = await checkPasswordAttempt(db, account, input, client);
	if (!checked.ok) return checked;
	deleteExpiredSessions(db, client.now);
	pruneRateLimits(db, client.now);
	const secondFactor = hasSecondFactor(db, account!.id);
	return { ok: true, ...createSession(db, account!, client), secondFactor };
}

/**
 * Changes a password after checking the current one (counted like a log-in: a stolen session
 * cannot be used to guess it), and ends every other session of the account: whoever else held
 * one (perhaps the reason for the change) is signed out.
 */
export async function changePassword(
	db: Db,
	account: { id: number; email: string },
	currentSessionId: string,
	input: { current: string; next: string },
	client: Client,
): Promise<Outcome<{ endedSessions: number }>> {
	const now = client.now;
	const row = db.select().from(user).where(eq(user.id, account.id)).get();
	if (!row) return { ok: false, kind: 'notFound' };
	const checked = await checkPasswordAttempt(
		db,
		row,
		{ email: row.email, password: input.current },
		client,
	);
	if (!checked.ok) {
		return checked.kind === 'invalid'
			? invalid('current', 'account.wrongCurrentPassword')
			: checked;
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
