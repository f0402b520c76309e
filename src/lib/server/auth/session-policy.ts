import type { UserRole } from '../../shared/user-role';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SessionPolicy {
	/** A session unused this long ends. Each use pushes the end forward again (sliding expiry). */
	idleMs: number;
	/** No session outlives this, however active: a stolen cookie stops working by then. */
	absoluteMs: number;
}

/**
 * Merchants stay signed in across a festival's working weeks (idle 7 days, capped at 30 days).
 * Staff, admins and district staff can change what the public sees, so a left-open console or a stolen cookie is
 * worth more: their sessions end after 30 minutes unused and 12 hours after sign-in, whatever.
 */
export const SESSION_POLICIES: Record<UserRole, SessionPolicy> = {
	merchant: { idleMs: 7 * DAY, absoluteMs: 30 * DAY },
	staff: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR },
	admin: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR },
	district: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR },
};

/**
 * How long a typed password vouches for the person at the keyboard: admin actions (staff accounts,
 * festival settings) ask for it again once it was last entered longer ago than this.
 */
export const PASSWORD_REENTRY_MS = 15 * MINUTE;

/** Whether an admin action must first ask for the password again. */
export function needsPasswordReentry(passwordConfirmedAt: Date | null, now: Date): boolean {
	return (
		passwordConfirmedAt === null ||
		now.getTime() - passwordConfirmedAt.getTime() > PASSWORD_REENTRY_MS
	);
}

/** The expiry a session used at `now` should have: `now` + idle, never past its absolute cap. */
export function getSlidingExpiry(role: UserRole, createdAt: Date, now: Date): Date {
	const policy = SESSION_POLICIES[role];
	return new Date(Math.min(now.getTime() + policy.idleMs, createdAt.getTime() + policy.absoluteMs));
}

/**
 * Whether a valid session's expiry is worth writing again: once less than half the idle window is
 * left, so an active merchant costs one write every few days rather than one per request.
 */
export function shouldExtend(role: UserRole, expiresAt: Date, now: Date): boolean {
	return expiresAt.getTime() - now.getTime() < SESSION_POLICIES[role].idleMs / 2;
}
