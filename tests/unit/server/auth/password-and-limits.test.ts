import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../../../src/lib/server/auth/common-passwords';
import {
	checkNewPassword,
	hashPassword,
	verifyPassword,
} from '../../../../src/lib/server/auth/password';
import {
	checkRateLimit,
	hitRateLimit,
	LOGIN_PER_ACCOUNT,
	resetRateLimit,
} from '../../../../src/lib/server/auth/rate-limit';
import type { Db } from '../../../../src/lib/server/db';
import { createTempDb } from '../../../support/temp-db';

describe('passwords', () => {
	it('hashPassword makes an argon2id hash that verifyPassword accepts only for the same password', async () => {
		const hash = await hashPassword('Lychee-Season-2026');
		const results = [
			hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$'),
			await verifyPassword(hash, 'Lychee-Season-2026'),
			await verifyPassword(hash, 'lychee-season-2026'),
		];
		expect(results).toEqual([true, true, false]);
	});

	it('verifyPassword with a malformed stored hash is false, not an error', async () => {
		expect(await verifyPassword('not-a-hash', 'whatever123')).toBe(false);
	});

	it('checkNewPassword names each problem', () => {
		const cases: [string, string][] = [
			['short1', 'a@x.com'],
			['x'.repeat(201), 'a@x.com'],
			['Password123!', 'a@x.com'],
			['qwertyuiop', 'a@x.com'],
			['aaaaaaaaaaaa', 'a@x.com'],
			['abcabcabcabc', 'a@x.com'],
			['lychee-shop-2026', 'lychee-shop@x.com'],
			['Lychee-Season-2026', 'shop@x.com'],
		];
		expect(cases.map(([p, e]) => checkNewPassword(p, e))).toEqual([
			'tooShort',
			'tooLong',
			'common',
			'common',
			'common',
			'common',
			'containsEmail',
			null,
		]);
	});

	it('isCommonPassword catches case and trailing-digit variants of listed passwords', () => {
		expect(
			['PASSWORD123', 'Woaini1314', 'qwertyuiop2024!', 'correct horse battery'].map(
				isCommonPassword,
			),
		).toEqual([true, true, true, false]);
	});
});

describe('rate limits', () => {
	let temp: ReturnType<typeof createTempDb>;
	let db: Db;
	beforeEach(() => {
		temp = createTempDb();
		db = temp.db;
	});
	afterEach(() => temp.cleanup());
	const T = new Date('2026-06-01T00:00:00Z');
	const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);

	it('five failures in the window limit the sixth attempt until the window ends', () => {
		for (let i = 0; i < 5; i += 1) hitRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com', at(i));
		expect([
			checkRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com', at(5)),
			checkRateLimit(db, LOGIN_PER_ACCOUNT, 'b@x.com', at(5)),
			checkRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com', at(15)),
		]).toEqual([
			{ limited: true, retryAfterMs: 10 * 60_000 },
			{ limited: false },
			{ limited: false },
		]);
	});

	it('a hit after the window starts a new window at one', () => {
		for (let i = 0; i < 5; i += 1) hitRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com', at(0));
		hitRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com', at(20));
		expect(checkRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com', at(21))).toEqual({ limited: false });
	});

	it('resetRateLimit clears the count and the table holds no email in clear', () => {
		for (let i = 0; i < 5; i += 1) hitRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com', at(0));
		const stored = JSON.stringify(db.$client.prepare('select * from rate_limit').all());
		resetRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com');
		expect([
			stored.includes('a@x.com'),
			checkRateLimit(db, LOGIN_PER_ACCOUNT, 'a@x.com', at(1)),
		]).toEqual([false, { limited: false }]);
	});
});
