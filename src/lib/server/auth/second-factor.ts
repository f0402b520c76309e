import { sha256 } from '@oslojs/crypto/sha2';
import {
	decodeBase32IgnorePadding,
	encodeBase32UpperCaseNoPadding,
	encodeHexLowerCase,
} from '@oslojs/encoding';
import { and, count, eq, isNull, lt } from 'drizzle-orm';
import { userRecoveryCode, userTotp } from '../../../../db/schema';
import { recordAuditEvent } from '../audit/record';
import type { SecretBox } from '../crypto/secret-box';
import type { Db } from '../db';
import { invalid, type Outcome } from '../merchant/outcome';
import { markSessionTwoFactorVerified } from './session';
import { isTotpShaped, matchTotpStep } from './totp';

/**
 * Second factor for bureau accounts: a TOTP authenticator plus ten one-time recovery codes.
 * The key is stored only sealed (crypto/secret-box.ts, bound to the account: a sealed key copied
 * to another row does not open); codes only as SHA-256. Every acceptance is one conditional
 * UPDATE — the TOTP step must be newer than the last accepted one, a recovery code must be
 * unused — so two requests carrying the same code cannot both pass.
 */

export const RECOVERY_CODE_COUNT = 10;
/** 10 random bytes → 16 base32 characters (80 bits), shown as XXXX-XXXX-XXXX-XXXX. */
const RECOVERY_CODE_BYTES = 10;

/** The additional data the account's TOTP key is sealed with. */
export function totpKeyContext(userId: number): string {
	return `user_totp:${userId}:key`;
}

/** The form of a recovery code that is hashed: upper case, without spaces or dashes. */
function normalizeRecoveryCode(code: string): string {
	return code.replace(/[\s-]/g, '').toUpperCase();
}

function hashRecoveryCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalizeRecoveryCode(code))));
}

function createRecoveryCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(RECOVERY_CODE_BYTES));
	return encodeBase32UpperCaseNoPadding(bytes).replace(/(.{4})(?=.)/g, '$1-');
}

/** Replaces the account's recovery codes with ten new ones; returns them (shown once). */
function replaceRecoveryCodes(db: Db, userId: number): string[] {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, createRecoveryCode);
	db.delete(userRecoveryCode).where(eq(userRecoveryCode.userId, userId)).run();
	db.insert(userRecoveryCode)
		.values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })))
		.run();
	return codes;
}

export interface TwoFactorStatus {
	enrolledAt: Date;
	recoveryCodesLeft: number;
}

/** The account's second factor, or null when none is enrolled. */
export function findTwoFactorStatus(db: Db, userId: number): TwoFactorStatus | null {
	const row = db.select().from(userTotp).where(eq(userTotp.userId, userId)).get();
	if (!row?.confirmedAt) return null;
	const left = db
		.select({ n: count() })
		.from(userRecoveryCode)
		.where(and(eq(userRecoveryCode.userId, userId), isNull(userRecoveryCode.usedAt)))
		.get();
	return { enrolledAt: row.confirmedAt, recoveryCodesLeft: left?.n ?? 0 };
}

/**
 * Enrols `key` as the account's authenticator once its app shows a right code, in one
 * transaction with: ten recovery codes (returned, to be shown once), this session marked as
 * having passed the second factor (the account's other sessions now need a code), and a
 * `user.twoFactorEnrol` audit event. Refused when one is already enrolled (an admin resets it).
 */
export function enrolTotp(
	db: Db,
	box: SecretBox,
	account: { id: number; email: string },
	input: { key: Uint8Array; code: string; sessionId: string },
	now: Date,
): Outcome<{ recoveryCodes: string[] }> {
	if (findTwoFactorStatus(db, account.id)) return invalid('code', 'twoFactor.alreadyEnrolled');
	const step = isTotpShaped(input.code) ? matchTotpStep(input.key, input.code, now, 0) : null;
	if (step === null) return invalid('code', 'twoFactor.wrongCode');
	const keySealed = box.seal(encodeBase32UpperCaseNoPadding(input.key), totpKeyContext(account.id));
	return db.$client.transaction(() => {
		const values = { keySealed, confirmedAt: now, lastUsedStep: step, createdAt: now };
		db.insert(userTotp)
			.values({ userId: account.id, ...values })
			.onConflictDoUpdate({ target: userTotp.userId, set: values })
			.run();
		const recoveryCodes = replaceRecoveryCodes(db, account.id);
		markSessionTwoFactorVerified(db, input.sessionId, now);
		recordAuditEvent(db, {
			actor: { userId: account.id, name: account.email },
			action: 'user.twoFactorEnrol',
			entityType: 'user',
			entityId: account.id,
			at: now,
		});
		return { ok: true as const, recoveryCodes };
	})();
}

/** Accepts a TOTP code for a step after the last accepted one, recording that step. */
function acceptTotp(db: Db, box: SecretBox, userId: number, code: string, now: Date): boolean {
	const row = db.select().from(userTotp).where(eq(userTotp.userId, userId)).get();
	if (!row?.confirmedAt) return false;
	const key = decodeBase32IgnorePadding(box.open(row.keySealed, totpKeyContext(userId)));
	const step = matchTotpStep(key, code, now, row.lastUsedStep);
	if (step === null) return false;
	const updated = db
		.update(userTotp)
		.set({ lastUsedStep: step })
		.where(and(eq(userTotp.userId, userId), lt(userTotp.lastUsedStep, step)))
		.run();
	return updated.changes === 1;
}

/** Spends one unused recovery code of the account; false if it is not one. */
function acceptRecoveryCode(db: Db, userId: number, code: string, now: Date): boolean {
	const updated = db
		.update(userRecoveryCode)
		.set({ usedAt: now })
		.where(
			and(
				eq(userRecoveryCode.userId, userId),
				eq(userRecoveryCode.codeHash, hashRecoveryCode(code)),
				isNull(userRecoveryCode.usedAt),
			),
		)
		.run();
	return updated.changes === 1;
}

/**
 * Checks a second-factor code for an account: six digits are a TOTP code, anything else a
 * recovery code. Returns which kind was accepted, or null. The caller counts the attempt first
 * (rate limits) and marks the session.
 */
export function acceptSecondFactor(
	db: Db,
	box: SecretBox,
	userId: number,
	rawCode: string,
	now: Date,
): 'totp' | 'recovery' | null {
	const code = rawCode.replace(/\s+/g, '');
	if (isTotpShaped(code)) return acceptTotp(db, box, userId, code, now) ? 'totp' : null;
	return acceptRecoveryCode(db, userId, code, now) ? 'recovery' : null;
}

/** Removes an account's authenticator and recovery codes (an admin's reset; see staff/accounts.ts). */
export function removeSecondFactor(db: Db, userId: number): boolean {
	db.delete(userRecoveryCode).where(eq(userRecoveryCode.userId, userId)).run();
	return db.delete(userTotp).where(eq(userTotp.userId, userId)).run().changes > 0;
}

/** Whether the account has an authenticator enrolled (a new session then waits for a code). */
export function hasSecondFactor(db: Db, userId: number): boolean {
	const row = db
		.select({ confirmedAt: userTotp.confirmedAt })
		.from(userTotp)
		.where(eq(userTotp.userId, userId))
		.get();
	return row?.confirmedAt != null;
}
