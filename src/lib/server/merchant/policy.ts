import type { MerchantStatus, ReviewStatus } from '../../shared/status';
import type { AuthUser } from '../auth/session';

/**
 * Who may do what in the merchant area. Every action and endpoint calls these itself: the
 * `/merchant` prefix of a URL authorises nothing.
 */

interface OwnedBusiness {
	id: number;
	ownerUserId: number | null;
	status: MerchantStatus;
}

interface OwnedRoom {
	merchantId: number | null;
	kind: 'merchant' | 'showcase';
	reviewStatus: ReviewStatus;
}

/** Merchant accounts register a business (staff accounts do not). */
export function canRegisterBusiness(user: AuthUser | null): user is AuthUser {
	return user?.role === 'merchant';
}

/** The owner sees their business, whatever its status. */
export function canViewBusiness(user: AuthUser | null, business: OwnedBusiness): boolean {
	return canRegisterBusiness(user) && business.ownerUserId === user.id;
}

/** The owner edits and resubmits, unless the bureau has suspended the business. */
export function canEditBusiness(user: AuthUser | null, business: OwnedBusiness): boolean {
	return canViewBusiness(user, business) && business.status !== 'suspended';
}

/**
 * Rooms may be submitted while the registration is pending (review of both can run in parallel)
 * or approved; a rejected business fixes its registration first, a suspended one cannot.
 */
export function canSubmitRooms(user: AuthUser | null, business: OwnedBusiness): boolean {
	return (
		canViewBusiness(user, business) &&
		(business.status === 'pending' || business.status === 'approved')
	);
}

/** A room is the merchant's own: theirs, and not a bureau showcase carried by them. */
export function canViewRoom(
	user: AuthUser | null,
	business: OwnedBusiness,
	room: OwnedRoom,
): boolean {
	return (
		canViewBusiness(user, business) && room.merchantId === business.id && room.kind === 'merchant'
	);
}

/** Editing needs the right to submit, and a room that is not cancelled. */
export function canEditRoom(
	user: AuthUser | null,
	business: OwnedBusiness,
	room: OwnedRoom,
): boolean {
	return (
		canSubmitRooms(user, business) &&
		canViewRoom(user, business, room) &&
		room.reviewStatus !== 'cancelled'
	);
}

/** Withdrawing a room is always open to its owner (even a suspended business can cancel). */
export function canCancelRoom(
	user: AuthUser | null,
	business: OwnedBusiness,
	room: OwnedRoom,
): boolean {
	return canViewRoom(user, business, room) && room.reviewStatus !== 'cancelled';
}

/**
 * Reporting a session's results (viewers, orders, sales): the owner's own approved session. When
 * (after it ended, within the window, before staff lock) is results/room-report.ts's to say.
 */
export function canReportResults(
	user: AuthUser | null,
	business: OwnedBusiness,
	room: OwnedRoom,
): boolean {
	return canViewRoom(user, business, room) && room.reviewStatus === 'approved';
}
