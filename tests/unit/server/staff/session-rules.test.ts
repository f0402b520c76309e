import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { session } from '../../../../db/schema';
import { needsPasswordReentry } from '../../../../src/lib/server/auth/session-policy';
import { createSession, validateSessionToken } from '../../../../src/lib/server/auth/session';
import type { Db } from '../../../../src/lib/server/db';
import { confirmAdminPresence } from '../../../../src/lib/server/staff/reentry';
import { TEST_PASSWORD } from '../../../support/factories';
import { createStaffUser } from '../../../support/staff-factories';
import { createTempDb } from '../../../support/temp-db';

const MIN = 60_000;
const T = new Date('2026-06-06T00:00:00Z');
const later = (ms: number) => new Date(T.getTime() + ms);

let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

describe('staff sessions', () => {
	it('end after 30 minutes unused', () => {
		const { token } = createSession(db, createStaffUser(db, 'staff'), { now: T });
		expect([
			validateSessionToken(db, token, later(29 * MIN)).user !== null,
			validateSessionToken(db, token, later(29 * MIN + 30 * MIN)).user,
		]).toEqual([true, null]);
	});

	it('used every 20 minutes, still end 12 hours after sign-in', () => {
		const { token } = createSession(db, createStaffUser(db, 'admin'), { now: T });
		const alive: number[] = [];
		for (let m = 20; m <= 13 * 60; m += 20) {
			if (validateSessionToken(db, token, later(m * MIN)).user) alive.push(m);
		}
		expect([alive.length, alive.at(-1)]).toEqual([35, 700]);
	});

	it('remember when the password was typed: at sign-in', () => {
		const { token } = createSession(db, createStaffUser(db, 'admin'), { now: T });
		expect(validateSessionToken(db, token, later(MIN)).session?.passwordConfirmedAt).toEqual(T);
	});
});

describe('password re-entry', () => {
	it('is needed once the password was typed more than 15 minutes ago, or never', () => {
		expect([
			needsPasswordReentry(T, later(15 * MIN)),
			needsPasswordReentry(T, later(15 * MIN + 1)),
			needsPasswordReentry(null, T),
		]).toEqual([false, true, true]);
	});

	it('confirmAdminPresence asks, refuses a wrong password, and a right one renews the confirmation', async () => {
		const admin = createStaffUser(db, 'admin');
		const created = createSession(db, admin, { now: T });
		const user = {
			id: admin.id,
			email: admin.email,
			role: admin.role,
			districtId: null,
			businessName: null,
			twoFactorEnrolled: true,
		};
		const at = later(20 * MIN);
		const client = { address: '192.0.2.1', userAgent: null, now: at };
		const results = [
			await confirmAdminPresence(db, user, created.session, undefined, client),
			await confirmAdminPresence(db, user, created.session, 'wrong-password!', client),
			await confirmAdminPresence(db, user, created.session, TEST_PASSWORD, client),
		];
		const stored = db.select().from(session).where(eq(session.id, created.session.id)).get()!;
		expect(results).toEqual([
			{
				ok: false,
				kind: 'invalid',
				issues: [{ field: 'reentryPassword', message: 'staff.reentry.required' }],
			},
			{
				ok: false,
				kind: 'invalid',
				issues: [{ field: 'reentryPassword', message: 'staff.reentry.wrong' }],
			},
			{ ok: true },
		]);
		expect(stored.passwordConfirmedAt).toEqual(at);
	});
});
