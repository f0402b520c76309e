import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changePassword, logIn } from '../../../../src/lib/server/auth/account';
import { createSession } from '../../../../src/lib/server/auth/session';
import type { Db } from '../../../../src/lib/server/db';
import { createUser, TEST_PASSWORD } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';
import { enrolTestAuthenticator } from '../../../support/two-factor';

/** Unit: log-in and password change against the attempt limits, on a real SQLite file. */
let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

const T = new Date('2026-06-05T04:00:00Z');
const from = (address: string) => ({ address, userAgent: null, now: T });
const outcome = (r: { ok: boolean; kind?: string }) => (r.ok ? 'ok' : r.kind);

describe('logIn', () => {
	it('20 wrong guesses sent at once: at most 5 are checked, the rest wait', async () => {
		createUser(db, { email: 'owner@example.com' });
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				logIn(db, { email: 'owner@example.com', password: `guess-${i}` }, from('198.51.100.7')),
			),
		);
		const kinds = results.map(outcome);
		expect([
			kinds.filter((k) => k === 'invalid').length,
			kinds.filter((k) => k === 'rateLimited').length,
		]).toEqual([5, 15]);
	});

	it('the owner signs in from another address while the stranger’s address is closed', async () => {
		createUser(db, { email: 'owner@example.com' });
		const stranger = [];
		for (let i = 0; i < 6; i += 1) {
			stranger.push(
				outcome(
					await logIn(
						db,
						{ email: 'owner@example.com', password: 'nope-nope' },
						from('198.51.100.7'),
					),
				),
			);
		}
		const owner = await logIn(
			db,
			{ email: 'owner@example.com', password: TEST_PASSWORD },
			from('203.0.113.5'),
		);
		expect([stranger, outcome(owner)]).toEqual([
			['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'rateLimited'],
			'ok',
		]);
	});

	it('right passwords do not use up the window: the sixth sign-in in a row still works', async () => {
		createUser(db, { email: 'owner@example.com' });
		const results = [];
		for (let i = 0; i < 7; i += 1) {
			results.push(
				outcome(
					await logIn(
						db,
						{ email: 'owner@example.com', password: TEST_PASSWORD },
						from('203.0.113.5'),
					),
				),
			);
		}
		expect(results).toEqual(Array(7).fill('ok'));
	});

	it('an account with an authenticator gets a session that waits for the code', async () => {
		const admin = createUser(db, { email: 'chief@bureau.gov.cn', role: 'admin' });
		enrolTestAuthenticator(db, admin.id, T);
		const result = await logIn(
			db,
			{ email: 'chief@bureau.gov.cn', password: TEST_PASSWORD },
			from('203.0.113.5'),
		);
		expect(result.ok && [result.secondFactor, result.session.twoFactorVerifiedAt]).toEqual([
			true,
			null,
		]);
	});
});

describe('changePassword', () => {
	it('wrong current passwords count like log-ins: the sixth waits', async () => {
		const account = createUser(db, { email: 'owner@example.com' });
		const current = createSession(db, account, { now: T }).session.id;
		const results = [];
		for (let i = 0; i < 6; i += 1) {
			results.push(
				outcome(
					await changePassword(
						db,
						account,
						current,
						{ current: `wrong-${i}`, next: 'Pearl-River-Night-2026' },
						from('198.51.100.7'),
					),
				),
			);
		}
		expect(results).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'rateLimited']);
	});
});
