import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import { rateLimit } from '../../../../db/schema';
import type { Db } from '../db';

export interface RateLimitRule {
	/** What is counted, e.g. `login:account`; part of the stored key. */
	name: string;
	/** Attempts allowed in one window. */
	max: number;
	windowMs: number;
}

const MINUTE = 60_000;

/** Failed log-ins per account: enough for typos, too few to guess a 10-character password. */
export const LOGIN_PER_ACCOUNT: RateLimitRule = {
	name: 'login:account',
	max: 5,
	windowMs: 15 * MINUTE,
};
/** Failed log-ins per client address: a bureau training room shares one address. */
export const LOGIN_PER_ADDRESS: RateLimitRule = {
	name: 'login:address',
	max: 30,
	windowMs: 15 * MINUTE,
};
/** Sign-up attempts for one email address. */
export const SIGNUP_PER_ACCOUNT: RateLimitRule = {
	name: 'signup:account',
	max: 5,
	windowMs: 60 * MINUTE,
};
/** Sign-ups per client address: a registration day brings many merchants through one router. */
export const SIGNUP_PER_ADDRESS: RateLimitRule = {
	name: 'signup:address',
	max: 20,
	windowMs: 60 * MINUTE,
};

export type RateLimitState = { limited: false } | { limited: true; retryAfterMs: number };

/** The stored key: a hash, so the table holds no email or address in clear. */
function keyOf(rule: RateLimitRule, subject: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`${rule.name}:${subject}`)));
}

/** Whether `subject` has used up its attempts in the current window (counts nothing). */
export function checkRateLimit(
	db: Db,
	rule: RateLimitRule,
	subject: string,
	now: Date,
): RateLimitState {
	const row = db
		.select()
		.from(rateLimit)
		.where(eq(rateLimit.key, keyOf(rule, subject)))
		.get();
	if (!row) return { limited: false };
	const windowEnd = row.windowStartedAt.getTime() + rule.windowMs;
	if (windowEnd <= now.getTime() || row.count < rule.max) return { limited: false };
	return { limited: true, retryAfterMs: windowEnd - now.getTime() };
}

/** Counts one attempt, starting a new window when the last one is over. */
export function hitRateLimit(db: Db, rule: RateLimitRule, subject: string, now: Date): void {
	const staleBefore = now.getTime() - rule.windowMs;
	db.insert(rateLimit)
		.values({ key: keyOf(rule, subject), count: 1, windowStartedAt: now })
		.onConflictDoUpdate({
			target: rateLimit.key,
			set: {
				count: sql`case when ${rateLimit.windowStartedAt} <= ${staleBefore} then 1 else ${rateLimit.count} + 1 end`,
				windowStartedAt: sql`case when ${rateLimit.windowStartedAt} <= ${staleBefore} then ${now.getTime()} else ${rateLimit.windowStartedAt} end`,
			},
		})
		.run();
}

/** Forgets the attempts of `subject` (a successful log-in clears its account's failures). */
export function resetRateLimit(db: Db, rule: RateLimitRule, subject: string): void {
	db.delete(rateLimit)
		.where(eq(rateLimit.key, keyOf(rule, subject)))
		.run();
}

/** The longest wait among several limits, or null when none is reached. */
export function findRetryAfter(states: RateLimitState[]): number | null {
	const waits = states.flatMap((s) => (s.limited ? [s.retryAfterMs] : []));
	return waits.length === 0 ? null : Math.max(...waits);
}
