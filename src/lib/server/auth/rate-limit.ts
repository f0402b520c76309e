import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { rateLimit } from '../../../../db/schema';
import type { Db } from '../db';

/**
 * Fixed-window attempt limits kept in SQLite, so every process on the database shares them. An
 * attempt is counted before the work it guards (a password check) in one IMMEDIATE transaction
 * that checks every bucket and counts in all of them or none: N requests sent at once cannot all
 * read the old count, so at most `max` get through. A success hands its attempt back
 * (`refundRateLimits`). The named rules live in limit-rules.ts.
 */

export interface RateLimitRule {
	/** What is counted, e.g. `login:pair`; part of the stored key. */
	name: string;
	/** Attempts allowed in one window. */
	max: number;
	windowMs: number;
}

/** One bucket: a rule and what it counts for (an email, an address, or both joined). */
export interface RateLimitKey {
	rule: RateLimitRule;
	subject: string;
}

/** The attempt counted by `consumeRateLimits`, to hand back if it succeeds. */
export interface RateLimitTicket {
	buckets: { key: string; windowStartedAt: number }[];
}

export type RateLimitConsumption =
	{ ok: true; ticket: RateLimitTicket } | { ok: false; retryAfterMs: number };

/** Buckets are kept a day after their window started, then pruned (no rule's window is longer). */
const KEEP_MS = 24 * 60 * 60_000;

/** The stored key: a hash, so the table holds no email or address in clear. */
function keyOf(rule: RateLimitRule, subject: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`${rule.name}:${subject}`)));
}

/**
 * Counts one attempt in every bucket of `keys`, or — when any of them has used up its window —
 * in none, answering how long until the last of the full ones reopens. The check and the count
 * are one IMMEDIATE transaction: no other connection writes between them.
 */
export function consumeRateLimits(
	db: Db,
	keys: readonly RateLimitKey[],
	now: Date,
): RateLimitConsumption {
	const at = now.getTime();
	const hashed = keys.map((k) => ({ ...k, key: keyOf(k.rule, k.subject) }));
	return db.$client
		.transaction((): RateLimitConsumption => {
			const rows = db
				.select()
				.from(rateLimit)
				.where(
					inArray(
						rateLimit.key,
						hashed.map((k) => k.key),
					),
				)
				.all();
			const byKey = new Map(rows.map((r) => [r.key, r]));
			let retryAfterMs = 0;
			const buckets = hashed.map(({ rule, key }) => {
				const row = byKey.get(key);
				const current = row && row.windowStartedAt.getTime() + rule.windowMs > at ? row : undefined;
				if (current && current.count >= rule.max) {
					const reopens = current.windowStartedAt.getTime() + rule.windowMs - at;
					retryAfterMs = Math.max(retryAfterMs, reopens);
				}
				return { key, count: current ? current.count + 1 : 1, started: current?.windowStartedAt };
			});
			if (retryAfterMs > 0) return { ok: false, retryAfterMs };
			for (const bucket of buckets) {
				const windowStartedAt = bucket.started ?? now;
				db.insert(rateLimit)
					.values({ key: bucket.key, count: bucket.count, windowStartedAt })
					.onConflictDoUpdate({
						target: rateLimit.key,
						set: { count: bucket.count, windowStartedAt },
					})
					.run();
			}
			return {
				ok: true,
				ticket: {
					buckets: buckets.map((b) => ({
						key: b.key,
						windowStartedAt: (b.started ?? now).getTime(),
					})),
				},
			};
		})
		.immediate();
}

/**
 * Hands back an attempt that succeeded, so rightful use never fills a window. Only within the
 * window it was counted in: a window that started over meanwhile is left alone.
 */
export function refundRateLimits(db: Db, ticket: RateLimitTicket): void {
	db.$client.transaction(() => {
		for (const bucket of ticket.buckets) {
			db.update(rateLimit)
				.set({ count: sql`${rateLimit.count} - 1` })
				.where(
					and(
						eq(rateLimit.key, bucket.key),
						eq(rateLimit.windowStartedAt, new Date(bucket.windowStartedAt)),
						gt(rateLimit.count, 0),
					),
				)
				.run();
		}
	})();
}

/** Forgets the attempts of one bucket (a right password clears its (account, address) pair). */
export function resetRateLimit(db: Db, key: RateLimitKey): void {
	db.delete(rateLimit)
		.where(eq(rateLimit.key, keyOf(key.rule, key.subject)))
		.run();
}

/** At most this many buckets are pruned at a time: a day-old peak never stalls a request. */
const PRUNE_BATCH = 500;

/**
 * Deletes buckets whose window is long over, the oldest first and at most PRUNE_BATCH of them
 * (on their window index); run on log-in and with each counted open, so the table stays small.
 */
export function pruneRateLimits(db: Db, now: Date): number {
	const old = db
		.select({ key: rateLimit.key })
		.from(rateLimit)
		.where(lt(rateLimit.windowStartedAt, new Date(now.getTime() - KEEP_MS)))
		.orderBy(rateLimit.windowStartedAt)
		.limit(PRUNE_BATCH);
	return db.delete(rateLimit).where(inArray(rateLimit.key, old)).run().changes;
}

/** Seconds for a `Retry-After` header: whole seconds, at least 1. */
export function toRetryAfterSeconds(retryAfterMs: number): number {
	return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
