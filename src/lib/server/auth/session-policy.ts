import type { UserRole } from '../../shared/user-role';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

export interface SessionPolicy {
	/** A session unused this long ends. Each use pushes the end forward again (sliding expiry). */
	idleMs: number;
	/** No session outlives this, however active: a stolen cookie stops working by then. */
	absoluteMs: number;
}

/**
 * Merchants stay signed in across a festival's working weeks (idle 7 days, capped at 30 days);
 * staff, who can change what the public sees, get a working day (idle 8 hours, capped at 3 days).
 */
export const SESSION_POLICIES: Record<UserRole, SessionPolicy> = {
	merchant: { idleMs: 7 * DAY, absoluteMs: 30 * DAY },
	staff: { idleMs: 8 * HOUR, absoluteMs: 3 * DAY },
	admin: { idleMs: 8 * HOUR, absoluteMs: 3 * DAY },
};

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
