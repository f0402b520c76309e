import { and, desc, eq, gt, lte, ne } from 'drizzle-orm';
import { merchant, session, user, userTotp } from '../../../../db/schema';
import type { UserRole } from '../../shared/user-role';
import type { Db } from '../db';
import { getSlidingExpiry, shouldExtend } from './session-policy';
import { generateSessionToken, parseSessionToken, verifySecret } from './token';

/** The signed-in account as pages and actions see it (`Astro.locals.user`). */
export interface AuthUser {
	id: number;
	email: string;
	role: UserRole;
	/** The district a `district` account works for (user.district_id); null for other roles. */
	districtId: number | null;
	/** The registered business's display names, for the header; null before registration. */
	businessName: { zh: string; en: string | null } | null;
	/** Whether the account has a TOTP authenticator enrolled (bureau accounts only). */
	twoFactorEnrolled: boolean;
}

export interface AuthSession {
	id: string;
	userId: number;
	createdAt: Date;
	expiresAt: Date;
	/** When the password was last typed in this session (sign-in, or re-entry for admin actions). */
	passwordConfirmedAt: Date | null;
	/** When this session passed the second factor; null if it has not (or the account has none). */
	twoFactorVerifiedAt: Date | null;
}

export type SessionValidation =
	| { user: AuthUser; session: AuthSession; refreshed: boolean }
	| { user: null; session: null; refreshed: false };

const INVALID: SessionValidation = { user: null, session: null, refreshed: false };
/** Browsers' self-descriptions can be long; a sessions list needs only the start. */
const USER_AGENT_MAX = 200;
/** `last_used_at` is refreshed at most this often, so reading pages does not write every time. */
const LAST_USED_RESOLUTION_MS = 60 * 60_000;

/**
 * Starts a session for a user who has just given their password (sign-up, log-in); returns the
 * token for the cookie (never stored) and the session. The password counts as confirmed now.
 */
export function createSession(
	db: Db,
	account: { id: number; role: UserRole },
	options: { now: Date; userAgent?: string | null; twoFactorVerified?: boolean },
): { token: string; session: AuthSession } {
	const twoFactorVerifiedAt = options.twoFactorVerified ? options.now : null;
	const { id, token, secretHash } = generateSessionToken();
	const expiresAt = getSlidingExpiry(account.role, options.now, options.now);
	db.insert(session)
		.values({
			id,
			secretHash: Buffer.from(secretHash),
			userId: account.id,
			createdAt: options.now,
			lastUsedAt: options.now,
			expiresAt,
			passwordConfirmedAt: options.now,
			userAgent: (options.userAgent ?? '').slice(0, USER_AGENT_MAX),
			twoFactorVerifiedAt,
		})
		.run();
	return {
		token,
		session: {
			id,
			userId: account.id,
			createdAt: options.now,
			expiresAt,
			passwordConfirmedAt: options.now,
			twoFactorVerifiedAt,
		},
	};
}

/**
 * Checks a cookie's token: the id must exist, the secret must match its stored hash (compared in
 * constant time), and the session must not have expired. An expired session is deleted. A valid
 * one slides forward (`refreshed`: the caller re-sends the cookie with the new expiry), never past
 * the role's absolute cap. One statement when nothing needs writing.
 */
export function validateSessionToken(db: Db, token: string, now: Date): SessionValidation {
	const parsed = parseSessionToken(token);
	if (!parsed) return INVALID;
	const row = db
		.select({
			session,
			user: { id: user.id, email: user.email, role: user.role, districtId: user.districtId },
			nameZh: merchant.nameZh,
			nameEn: merchant.nameEn,
			totpConfirmedAt: userTotp.confirmedAt,
		})
		.from(session)
		.innerJoin(user, eq(user.id, session.userId))
		.leftJoin(merchant, eq(merchant.ownerUserId, user.id))
		.leftJoin(userTotp, eq(userTotp.userId, user.id))
		.where(eq(session.id, parsed.id))
		.get();
	if (!row || !verifySecret(parsed.secret, row.session.secretHash)) return INVALID;
	if (row.session.expiresAt.getTime() <= now.getTime()) {
		invalidateSession(db, row.session.id);
		return INVALID;
	}
	let expiresAt = row.session.expiresAt;
	let refreshed = false;
	const extend = shouldExtend(row.user.role, expiresAt, now);
	const next = extend ? getSlidingExpiry(row.user.role, row.session.createdAt, now) : expiresAt;
	const stale = now.getTime() - row.session.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS;
	if (next.getTime() > expiresAt.getTime() || stale) {
		refreshed = next.getTime() > expiresAt.getTime();
		expiresAt = next;
		db.update(session)
			.set({ expiresAt, lastUsedAt: now })
			.where(eq(session.id, row.session.id))
			.run();
	}
	return {
		user: {
			...row.user,
			businessName: row.nameZh === null ? null : { zh: row.nameZh, en: row.nameEn },
			twoFactorEnrolled: row.totpConfirmedAt !== null,
		},
		session: {
			id: row.session.id,
			userId: row.session.userId,
			createdAt: row.session.createdAt,
			expiresAt,
			passwordConfirmedAt: row.session.passwordConfirmedAt,
			twoFactorVerifiedAt: row.session.twoFactorVerifiedAt,
		},
		refreshed,
	};
}

/** Records that the password was typed again in this session (re-entry before an admin action). */
export function confirmSessionPassword(db: Db, sessionId: string, now: Date): void {
	db.update(session).set({ passwordConfirmedAt: now }).where(eq(session.id, sessionId)).run();
}

/** Records that this session passed the second factor (a code at sign-in, or enrolment). */
export function markSessionTwoFactorVerified(db: Db, sessionId: string, now: Date): void {
	db.update(session).set({ twoFactorVerifiedAt: now }).where(eq(session.id, sessionId)).run();
}

/** Ends one session (log out). */
export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(session).where(eq(session.id, sessionId)).run();
}

/** Ends one of a user's sessions; false when the id is not theirs (nothing is changed then). */
export function revokeUserSession(db: Db, userId: number, sessionId: string): boolean {
	const result = db
		.delete(session)
		.where(and(eq(session.id, sessionId), eq(session.userId, userId)))
		.run();
	return result.changes > 0;
}

/** Ends every session of a user, or every one but `exceptId` (password change, "log out elsewhere"). */
export function invalidateUserSessions(db: Db, userId: number, exceptId?: string): number {
	const condition = exceptId
		? and(eq(session.userId, userId), ne(session.id, exceptId))
		: eq(session.userId, userId);
	return db.delete(session).where(condition).run().changes;
}

export interface SessionListItem {
	id: string;
	createdAt: Date;
	lastUsedAt: Date;
	expiresAt: Date;
	userAgent: string;
}

/** A user's live sessions, newest first, for the account page. */
export function listUserSessions(db: Db, userId: number, now: Date): SessionListItem[] {
	return db
		.select({
			id: session.id,
			createdAt: session.createdAt,
			lastUsedAt: session.lastUsedAt,
			expiresAt: session.expiresAt,
			userAgent: session.userAgent,
		})
		.from(session)
		.where(and(eq(session.userId, userId), gt(session.expiresAt, now)))
		.orderBy(desc(session.lastUsedAt))
		.all();
}

/** Deletes expired sessions; run on log-in so the table does not grow without bound. */
export function deleteExpiredSessions(db: Db, now: Date): number {
	return db.delete(session).where(lte(session.expiresAt, now)).run().changes;
}
