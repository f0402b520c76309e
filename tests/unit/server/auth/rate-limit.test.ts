import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPasswordKeys, LOGIN_PER_PAIR } from '../../../../src/lib/server/auth/limit-rules';
import {
	consumeRateLimits,
	pruneRateLimits,
	refundRateLimits,
	resetRateLimit,
	type RateLimitKey,
	type RateLimitRule,
} from '../../../../src/lib/server/auth/rate-limit';
import { openDatabase, type Db } from '../../../../src/lib/server/db';
import { createTempDb } from '../../../support/temp-db';

/** Unit: the attempt counters on a real SQLite file, with an injected clock. */
let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

const T = new Date('2026-06-01T00:00:00Z');
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const PAIR: RateLimitKey = { rule: LOGIN_PER_PAIR, subject: 'a@x.com|192.0.2.1' };
const TIGHT: RateLimitRule = { name: 'test:tight', max: 2, windowMs: 10 * 60_000 };
const LOOSE: RateLimitRule = { name: 'test:loose', max: 100, windowMs: 60 * 60_000 };

function outcome(consumed: ReturnType<typeof consumeRateLimits>): string | number {
	return consumed.ok ? 'counted' : consumed.retryAfterMs;
}

describe('consumeRateLimits', () => {
	it('counts five attempts in a 15-minute window, refuses the sixth until the window ends', () => {
		const results = [0, 1, 2, 3, 4, 5, 14, 15].map((m) =>
			outcome(consumeRateLimits(db, [PAIR], at(m))),
		);
		expect(results).toEqual([
			'counted',
			'counted',
			'counted',
			'counted',
			'counted',
			10 * 60_000,
			60_000,
			'counted',
		]);
	});

	it('counts in every bucket or in none: a full bucket stops the others counting', () => {
		const tight: RateLimitKey = { rule: TIGHT, subject: 's' };
		const loose: RateLimitKey = { rule: LOOSE, subject: 's' };
		const results = [0, 0, 0, 0].map(() => outcome(consumeRateLimits(db, [tight, loose], at(1))));
		const counts = db.$client
			.prepare('select count from rate_limit order by count')
			.all()
			.map((r) => (r as { count: number }).count);
		expect([results, counts]).toEqual([
			['counted', 'counted', 10 * 60_000, 10 * 60_000],
			[2, 2],
		]);
	});

	it('the longest wait among full buckets is the answer', () => {
		const a: RateLimitKey = { rule: TIGHT, subject: 'a' };
		const b: RateLimitKey = {
			rule: { ...TIGHT, name: 'test:other', windowMs: 30 * 60_000 },
			subject: 'b',
		};
		consumeRateLimits(db, [a], at(0));
		consumeRateLimits(db, [a], at(0));
		consumeRateLimits(db, [b], at(0));
		consumeRateLimits(db, [b], at(0));
		expect(outcome(consumeRateLimits(db, [a, b], at(5)))).toBe(25 * 60_000);
	});

	it('two connections to one file share the counts (another process sees them)', () => {
		const other = openDatabase(temp.file, { migrate: false });
		const results = [db, other, db, other, db, other].map((conn) =>
			outcome(consumeRateLimits(conn, [PAIR], at(0))),
		);
		other.$client.close();
		expect(results).toEqual(['counted', 'counted', 'counted', 'counted', 'counted', 15 * 60_000]);
	});
});

describe('refundRateLimits', () => {
	it('hands an attempt back within its window, so rightful use never fills it', () => {
		const results: (string | number)[] = [];
		for (let i = 0; i < 8; i += 1) {
			const consumed = consumeRateLimits(db, [PAIR], at(1));
			results.push(outcome(consumed));
			if (consumed.ok) refundRateLimits(db, consumed.ticket);
		}
		expect(results).toEqual(Array(8).fill('counted'));
	});

	it('does not take from a window that started after the attempt was counted', () => {
		const first = consumeRateLimits(db, [PAIR], at(0));
		for (let i = 0; i < 4; i += 1) consumeRateLimits(db, [PAIR], at(20));
		if (first.ok) refundRateLimits(db, first.ticket);
		expect([
			outcome(consumeRateLimits(db, [PAIR], at(21))),
			outcome(consumeRateLimits(db, [PAIR], at(21))),
		]).toEqual(['counted', 14 * 60_000]);
	});
});

describe('resetRateLimit and pruneRateLimits', () => {
	it('reset clears a bucket, and the table holds no email or address in clear', () => {
		for (let i = 0; i < 5; i += 1)
			consumeRateLimits(db, getPasswordKeys('a@x.com', '192.0.2.1'), at(0));
		const stored = JSON.stringify(db.$client.prepare('select * from rate_limit').all());
		resetRateLimit(db, PAIR);
		expect([
			stored.includes('a@x.com') || stored.includes('192.0.2.1'),
			outcome(consumeRateLimits(db, [PAIR], at(1))),
		]).toEqual([false, 'counted']);
	});

	it('prune deletes buckets whose window began over a day ago and keeps the rest', () => {
		consumeRateLimits(db, [PAIR], at(0));
		consumeRateLimits(db, [{ rule: TIGHT, subject: 'late' }], at(60 * 20));
		expect([pruneRateLimits(db, at(60 * 25)), pruneRateLimits(db, at(60 * 25))]).toEqual([1, 0]);
	});
});
