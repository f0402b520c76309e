import type { RateLimitKey, RateLimitRule } from './rate-limit';

/**
 * The portal's attempt limits (OWASP ASVS 5 §6.3, the authentication cheat sheet's "account
 * lockout"): a tight limit per (account, address) pair stops guessing from one place; looser ones
 * per address and per account bound a spread-out attack without letting a stranger lock the owner
 * out: five wrong passwords from the stranger's address close only that pair, and the owner's
 * right password from anywhere else still works. Every secret typed for an account — log-in,
 * staff log-in, password change, the admin's password re-entry — draws on the same budget.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Wrong passwords for one account from one address: enough for typos, too few to guess. */
export const LOGIN_PER_PAIR: RateLimitRule = { name: 'login:pair', max: 5, windowMs: 15 * MINUTE };
/** From one address, for any accounts: a bureau training room or a market's router shares one. */
export const LOGIN_PER_ADDRESS: RateLimitRule = { name: 'login:address', max: 100, windowMs: HOUR };
/** For one account, from all addresses together: bounds a guess spread over many machines. */
export const LOGIN_PER_ACCOUNT: RateLimitRule = { name: 'login:account', max: 100, windowMs: HOUR };

/** Second-factor codes for one account from one address (a 6-digit code, three steps accepted). */
export const CODE_PER_PAIR: RateLimitRule = { name: 'code:pair', max: 5, windowMs: 15 * MINUTE };
/** Second-factor codes for one account from everywhere: ~0.1% chance a day for a guesser. */
export const CODE_PER_ACCOUNT: RateLimitRule = { name: 'code:account', max: 20, windowMs: HOUR };

/** Sign-ups for one email from one address. */
export const SIGNUP_PER_PAIR: RateLimitRule = { name: 'signup:pair', max: 5, windowMs: HOUR };
/** Sign-ups per address: a registration day brings many merchants through one router. */
export const SIGNUP_PER_ADDRESS: RateLimitRule = {
	name: 'signup:address',
	max: 20,
	windowMs: HOUR,
};
/** Sign-ups for one email from all addresses (each answers whether the email is taken). */
export const SIGNUP_PER_EMAIL: RateLimitRule = { name: 'signup:email', max: 20, windowMs: HOUR };

/** Opens reported for one room from one address: a visitor tapping again is still one visitor. */
export const OPEN_PER_ROOM_ADDRESS: RateLimitRule = {
	name: 'open:pair',
	max: 10,
	windowMs: 10 * MINUTE,
};
/** Opens reported from one address for any rooms: a mall's Wi-Fi carries many visitors. */
export const OPEN_PER_ADDRESS: RateLimitRule = {
	name: 'open:address',
	max: 300,
	windowMs: 10 * MINUTE,
};

/** Calendar downloads of one room counted from one address: adding it again is the same visitor. */
export const CALENDAR_PER_ROOM_ADDRESS: RateLimitRule = {
	name: 'calendar:pair',
	max: 1,
	windowMs: HOUR,
};
/** Calendar downloads counted from one address for any rooms (a crawler counts for little). */
export const CALENDAR_PER_ADDRESS: RateLimitRule = {
	name: 'calendar:address',
	max: 100,
	windowMs: HOUR,
};

/** Stars of one room counted from one address: starring it again is the same visitor. */
export const STAR_PER_ROOM_ADDRESS: RateLimitRule = {
	name: 'star:pair',
	max: 1,
	windowMs: HOUR,
};
/** Stars counted from one address for any rooms (a script starring everything counts for little). */
export const STAR_PER_ADDRESS: RateLimitRule = {
	name: 'star:address',
	max: 100,
	windowMs: HOUR,
};

/** The buckets one password attempt for `account` (a normalised email) from `address` counts in. */
export function getPasswordKeys(account: string, address: string): RateLimitKey[] {
	return [
		{ rule: LOGIN_PER_PAIR, subject: `${account}|${address}` },
		{ rule: LOGIN_PER_ADDRESS, subject: address },
		{ rule: LOGIN_PER_ACCOUNT, subject: account },
	];
}

/** The buckets one second-factor code (TOTP or recovery) for user `userId` counts in. */
export function getCodeKeys(userId: number, address: string): RateLimitKey[] {
	return [
		{ rule: CODE_PER_PAIR, subject: `${userId}|${address}` },
		{ rule: CODE_PER_ACCOUNT, subject: String(userId) },
	];
}

/** The buckets one sign-up for `email` from `address` counts in. */
export function getSignupKeys(email: string, address: string): RateLimitKey[] {
	return [
		{ rule: SIGNUP_PER_PAIR, subject: `${email}|${address}` },
		{ rule: SIGNUP_PER_ADDRESS, subject: address },
		{ rule: SIGNUP_PER_EMAIL, subject: email },
	];
}

/** The buckets of a per-room counter: one room from one address, and all rooms from that address. */
function roomCounterKeys(
	pair: RateLimitRule,
	all: RateLimitRule,
): (roomId: number, address: string) => RateLimitKey[] {
	return (roomId, address) => [
		{ rule: pair, subject: `${roomId}|${address}` },
		{ rule: all, subject: address },
	];
}

/** The buckets one reported open of room `roomId` from `address` counts in. */
export const getOpenKeys = roomCounterKeys(OPEN_PER_ROOM_ADDRESS, OPEN_PER_ADDRESS);

/** The buckets one counted calendar download of room `roomId` from `address` counts in. */
export const getCalendarKeys = roomCounterKeys(CALENDAR_PER_ROOM_ADDRESS, CALENDAR_PER_ADDRESS);

/** The buckets one counted star of room `roomId` from `address` counts in. */
export const getStarKeys = roomCounterKeys(STAR_PER_ROOM_ADDRESS, STAR_PER_ADDRESS);
