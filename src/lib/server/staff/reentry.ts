import { eq } from 'drizzle-orm';
import { user } from '../../../../db/schema';
import { verifyPassword } from '../auth/password';
import {
	checkRateLimit,
	hitRateLimit,
	LOGIN_PER_ACCOUNT,
	resetRateLimit,
} from '../auth/rate-limit';
import { needsPasswordReentry } from '../auth/session-policy';
import { confirmSessionPassword, type AuthSession, type AuthUser } from '../auth/session';
import type { Db } from '../db';
import { invalid, type Outcome } from '../merchant/outcome';

/**
 * The check before an admin action: if the session's password was typed more than 15 minutes ago,
 * the form must carry it again (`reentryPassword`). A right password renews the confirmation; a
 * wrong one counts against the account's log-in limit, so a stolen cookie cannot be used to guess
 * the admin's password.
 */
export async function confirmAdminPresence(
	db: Db,
	account: AuthUser,
	current: AuthSession,
	password: string | undefined,
	now: Date,
): Promise<Outcome<object>> {
	if (!needsPasswordReentry(current.passwordConfirmedAt, now)) return { ok: true };
	if (!password) return invalid('reentryPassword', 'staff.reentry.required');
	const limited = checkRateLimit(db, LOGIN_PER_ACCOUNT, account.email, now);
	if (limited.limited)
		return { ok: false, kind: 'rateLimited', retryAfterMs: limited.retryAfterMs };
	const row = db
		.select({ hash: user.passwordHash })
		.from(user)
		.where(eq(user.id, account.id))
		.get();
	if (!row || !(await verifyPassword(row.hash, password))) {
		hitRateLimit(db, LOGIN_PER_ACCOUNT, account.email, now);
		return invalid('reentryPassword', 'staff.reentry.wrong');
	}
	resetRateLimit(db, LOGIN_PER_ACCOUNT, account.email);
	confirmSessionPassword(db, current.id, now);
	return { ok: true };
}
