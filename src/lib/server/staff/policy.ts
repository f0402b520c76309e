import type { AuthUser } from '../auth/session';

/**
 * Who may do what in the bureau's console. Every staff page, action and export calls one of these
 * itself: the `/staff` prefix of a URL authorises nothing (an encoded `/%73taff` reaches the same
 * page, and actions are reachable at `/_actions/…` from anywhere).
 */

/** A bureau account: staff or admin. Merchants and visitors are not. */
export function isStaff(user: AuthUser | null): boolean {
	return user?.role === 'staff' || user?.role === 'admin';
}

/**
 * An admin without an authenticator (ASVS 5 §6.3.3: multi-factor for privileged accounts): sent
 * to enrol by every console page and refused by every console action until it is done.
 */
export function mustEnrolSecondFactor(user: AuthUser | null): boolean {
	return user?.role === 'admin' && !user.twoFactorEnrolled;
}

/** Admins also manage staff accounts and the festival's settings. */
export function isAdmin(user: AuthUser | null): boolean {
	return user?.role === 'admin';
}

/** The dashboard: rooms, registrations, backlog, deep-link opens. */
export function canViewDashboard(user: AuthUser | null): boolean {
	return isStaff(user);
}

/** Approving and rejecting merchant registrations and rooms. */
export function canReview(user: AuthUser | null): boolean {
	return isStaff(user);
}

/** Choosing and ordering the home page's featured rooms. */
export function canCurate(user: AuthUser | null): boolean {
	return isStaff(user);
}

/** Creating, editing and withdrawing government showcase sessions. */
export function canManageShowcases(user: AuthUser | null): boolean {
	return isStaff(user);
}

/** Downloading merchants, rooms and decisions as CSV (contact details included). */
export function canExport(user: AuthUser | null): boolean {
	return isStaff(user);
}

/** Reading the audit log. */
export function canReadAudit(user: AuthUser | null): boolean {
	return isStaff(user);
}

/** Creating staff accounts, changing roles, disabling and resetting passwords. */
export function canManageStaff(user: AuthUser | null): boolean {
	return isAdmin(user);
}

/** The festival's names, dates, time zone, submission window and published flag. */
export function canEditFestival(user: AuthUser | null): boolean {
	return isAdmin(user);
}

/** The districts and categories every list filters by (festival/reference-lists.ts). */
export function canEditReferenceLists(user: AuthUser | null): boolean {
	return isAdmin(user);
}

/** The festival's results: reading them, locking the merchants' reports, publishing /results. */
export function canManageResults(user: AuthUser | null): boolean {
	return isStaff(user);
}
