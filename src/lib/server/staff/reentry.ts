import { eq } from 'drizzle-orm';
import { user } from '../../../../db/schema';
import { checkPasswordAttempt, type Client } from '../auth/account';
import { needsPasswordReentry } from '../auth/session-policy';
import { confirmSessionPassword, type AuthSession, type AuthUser } from '../auth/session';
import type { Db } from '../db';
import { invalid, type Outcome } from '../merchant/outcome';

/**
 * The check before an admin action: if the session's password was typed more than 15 minutes ago,
 * the form must carry it again (`reentryPassword`). A right password renews the confirmation; a
 * wrong one counts against the account's password limits like a log-in (auth/limit-rules.ts), so
 * a stolen cookie cannot be used to guess the admin's password.
 */
export async function confirmAdminPresence(
	db: Db,
	account: AuthUser,
	current: AuthSession,
	password: string | undefined,
	client: Client,
): Promise<Outcome<object>> {
	if (!needsPasswordReentry(current.passwordConfirmedAt, client.now)) return { ok: true };
	if (!password) return invalid('reentryPassword', 'staff.reentry.required');
	const row = db
		.select({ email: user.email, passwordHash: user.passwordHash })
		.from(user)
		.where(eq(user.id, account.id))
		.get();
	const checked = await checkPasswordAttempt(db, row, { email: account.email, password }, client);
	if (!checked.ok) {
		return checked.kind === 'invalid' ? invalid('reentryPassword', 'staff.reentry.wrong') : checked;
	}
	confirmSessionPassword(db, current.id, client.now);
	return { ok: true };
}
