import { recordAuditEvent } from '../audit/record';
import type { SecretBox } from '../crypto/secret-box';
import type { Db } from '../db';
import { invalid, type Outcome } from '../merchant/outcome';
import type { Client } from './account';
import { getCodeKeys } from './limit-rules';
import { consumeRateLimits, refundRateLimits } from './rate-limit';
import { acceptSecondFactor } from './second-factor';
import { markSessionTwoFactorVerified } from './session';

/** A session that gave the right password and waits for the account's second factor. */
export interface PendingSignIn {
	userId: number;
	email: string;
	sessionId: string;
}

/** How long a password-only session may wait for its code before it must start over. */
export const PENDING_SIGN_IN_MS = 10 * 60_000;

/**
 * The second step of a bureau sign-in: a TOTP code or a recovery code for the account whose
 * password this session gave. The attempt counts against the code limits first (limit-rules.ts)
 * and is handed back when right. A right code opens the session; a recovery code is spent and
 * its use written to the audit log (the owner should enrol again if the phone is lost).
 */
export function verifySignInCode(
	db: Db,
	box: SecretBox,
	pending: PendingSignIn,
	code: string,
	client: Client,
): Outcome<{ kind: 'totp' | 'recovery' }> {
	const counted = consumeRateLimits(db, getCodeKeys(pending.userId, client.address), client.now);
	if (!counted.ok) return { ok: false, kind: 'rateLimited', retryAfterMs: counted.retryAfterMs };
	const accepted = acceptSecondFactor(db, box, pending.userId, code, client.now);
	if (!accepted) return invalid('code', 'twoFactor.wrongCode');
	refundRateLimits(db, counted.ticket);
	db.$client.transaction(() => {
		markSessionTwoFactorVerified(db, pending.sessionId, client.now);
		if (accepted === 'recovery') {
			recordAuditEvent(db, {
				actor: { userId: pending.userId, name: pending.email },
				action: 'user.recoveryCodeUse',
				entityType: 'user',
				entityId: pending.userId,
				at: client.now,
			});
		}
	})();
	return { ok: true, kind: accepted };
}
