import type { AuthUser } from '../auth/session';
import { getReach, hasCapability, reachesDistrict, type Capability } from './capabilities';

/**
 * Who may do what in the bureau's console, read from the capability table (capabilities.ts).
 * Every staff page, action and export calls one of these itself: the `/staff` prefix of a URL
 * authorises nothing (an encoded `/%73taff` reaches the same page, and actions are reachable at
 * `/_actions/…` from anywhere). The `…District` forms answer for one district's data: district
 * staff reach only their own, and anything of another district answers 404.
 */

/** A console account: staff, admin or district staff. Merchants and visitors are not. */
export function isStaff(user: AuthUser | null): boolean {
	return hasCapability(user, 'console');
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
	return hasCapability(user, 'accounts');
}

/** The dashboard: rooms, registrations, backlog, deep-link opens (a district's own, for its staff). */
export function canViewDashboard(user: AuthUser | null): boolean {
	return hasCapability(user, 'dashboard');
}

/** Approving and rejecting merchant registrations and rooms. */
export function canReview(user: AuthUser | null): boolean {
	return hasCapability(user, 'review');
}

/** Reviewing a registration or room of `districtId`. */
export function canReviewDistrict(user: AuthUser | null, districtId: number | null): boolean {
	return reachesDistrict(user, 'review', districtId);
}

/**
 * The one district `user` is confined to under `capability` (district staff), or undefined when it
 * reaches the whole festival: lists, counts and exports add it as a filter.
 */
export function confinedDistrict(
	user: AuthUser | null,
	capability: Capability,
): number | undefined {
	const reach = getReach(user, capability);
	return reach && !reach.all ? reach.districtId : undefined;
}

/** Choosing and ordering the home page's featured rooms. */
export function canCurate(user: AuthUser | null): boolean {
	return hasCapability(user, 'featured');
}

/** Creating, editing and withdrawing government showcase sessions. */
export function canManageShowcases(user: AuthUser | null): boolean {
	return hasCapability(user, 'showcases');
}

/** Creating venues and changing their kind, address, rule and curating district. */
export function canManageVenues(user: AuthUser | null): boolean {
	return hasCapability(user, 'venues');
}

/** Opening the venue list: anyone who curates some venue. */
export function canCurateVenues(user: AuthUser | null): boolean {
	return hasCapability(user, 'curateVenues');
}

/** Curating one venue (picks, featured, names): the bureau any, district staff those given them. */
export function canCurateVenue(
	user: AuthUser | null,
	venue: { curatorDistrictId: number | null },
): boolean {
	return (
		hasCapability(user, 'venues') || reachesDistrict(user, 'curateVenues', venue.curatorDistrictId)
	);
}

/** Downloading merchants, rooms and decisions as CSV (contact details included). */
export function canExport(user: AuthUser | null): boolean {
	return hasCapability(user, 'export');
}

/** Reading the audit log. */
export function canReadAudit(user: AuthUser | null): boolean {
	return hasCapability(user, 'audit');
}

/** Every merchant's sync status. */
export function canViewSync(user: AuthUser | null): boolean {
	return hasCapability(user, 'sync');
}

/** Creating staff accounts, changing roles, disabling and resetting passwords. */
export function canManageStaff(user: AuthUser | null): boolean {
	return hasCapability(user, 'accounts');
}

/** The festival's names, dates, time zone, submission window and published flag. */
export function canEditFestival(user: AuthUser | null): boolean {
	return hasCapability(user, 'settings');
}

/** The districts and categories every list filters by (festival/reference-lists.ts). */
export function canEditReferenceLists(user: AuthUser | null): boolean {
	return hasCapability(user, 'reference');
}

/** The festival's results: reading them, locking the merchants' reports, publishing /results. */
export function canManageResults(user: AuthUser | null): boolean {
	return hasCapability(user, 'results');
}
