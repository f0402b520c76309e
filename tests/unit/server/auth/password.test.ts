import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../../../src/lib/server/auth/common-passwords';
import {
	checkNewPassword,
	hashPassword,
	verifyPassword,
} from '../../../../src/lib/server/auth/password';

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
