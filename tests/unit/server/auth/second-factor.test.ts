import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvent, session, userRecoveryCode, userTotp } from '../../../../db/schema';
import {
	acceptSecondFactor,
	enrolTotp,
	findTwoFactorStatus,
	RECOVERY_CODE_COUNT,
} from '../../../../src/lib/server/auth/second-factor';
import { createSession } from '../../../../src/lib/server/auth/session';
import { verifySignInCode } from '../../../../src/lib/server/auth/sign-in-code';
import {
	createTotpKey,
	describeTotpKey,
	matchTotpStep,
	parseTotpKey,
} from '../../../../src/lib/server/auth/totp';
import type { Db } from '../../../../src/lib/server/db';
import { createUser } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';
import { computeTotp, testSecretBox } from '../../../support/two-factor';

/** Unit: TOTP enrolment, codes and recovery codes on a real SQLite file, with a fixed clock. */
let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

const T = new Date('2026-06-07T04:00:10Z');
const later = (seconds: number) => new Date(T.getTime() + seconds * 1000);

function enrolled(at = T) {
	const account = createUser(db, { role: 'admin', email: 'chief@bureau.gov.cn' });
	const started = createSession(db, account, { now: at });
	const key = createTotpKey();
	const result = enrolTotp(
		db,
		testSecretBox,
		account,
		{ key, code: computeTotp(key, at), sessionId: started.session.id },
		at,
	);
	if (!result.ok) throw new Error('enrolment failed');
	return { account, key, codes: result.recoveryCodes, sessionId: started.session.id };
}

describe('TOTP codes', () => {
	it('matchTotpStep accepts the previous, current and next step, and only after the last used', () => {
		const key = createTotpKey();
		const step = Math.floor(T.getTime() / 30_000);
		expect([
			matchTotpStep(key, computeTotp(key, T, -1), T, 0),
			matchTotpStep(key, computeTotp(key, T), T, 0),
			matchTotpStep(key, computeTotp(key, T, 1), T, 0),
			matchTotpStep(key, computeTotp(key, T, 2), T, 0),
			matchTotpStep(key, computeTotp(key, T), T, step),
		]).toEqual([step - 1, step, step + 1, null, null]);
	});

	it('describeTotpKey gives the otpauth URI and the key in groups of four, which parse back', () => {
		const key = createTotpKey();
		const { uri, secret } = describeTotpKey(key, 'chief@bureau.gov.cn');
		expect([
			uri.startsWith('otpauth://totp/livefest:chief%40bureau.gov.cn?'),
			new URL(uri).searchParams.get('period'),
			new URL(uri).searchParams.get('digits'),
			/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/.test(secret),
			Buffer.from(parseTotpKey(secret)!).equals(Buffer.from(key)),
			parseTotpKey('ABCD'),
		]).toEqual([true, '30', '6', true, true, undefined]);
	});
});

describe('enrolTotp', () => {
	it('stores the key sealed, ten hashed recovery codes, marks the session and audits it', () => {
		const { account, key, codes, sessionId } = enrolled();
		const row = db.select().from(userTotp).where(eq(userTotp.userId, account.id)).get()!;
		const hashes = db.select().from(userRecoveryCode).all();
		const stored = JSON.stringify([row, hashes]);
		expect([
			codes.length,
			new Set(codes).size,
			codes.every((c) => /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/.test(c)),
			hashes.length,
			codes.some((c) => stored.includes(c) || stored.includes(c.replace(/-/g, ''))),
			row.keySealed.startsWith('v2.'),
			stored.includes(Buffer.from(key).toString('base64')),
			db.select().from(session).where(eq(session.id, sessionId)).get()!.twoFactorVerifiedAt,
			db.select({ action: auditEvent.action }).from(auditEvent).all(),
			findTwoFactorStatus(db, account.id),
		]).toEqual([
			RECOVERY_CODE_COUNT,
			RECOVERY_CODE_COUNT,
			true,
			RECOVERY_CODE_COUNT,
			false,
			true,
			false,
			T,
			[{ action: 'user.twoFactorEnrol' }],
			{ enrolledAt: T, recoveryCodesLeft: RECOVERY_CODE_COUNT },
		]);
	});

	it('refuses a wrong code, and a second enrolment while one is on', () => {
		const account = createUser(db, { role: 'staff' });
		const key = createTotpKey();
		const input = { key, code: '000000', sessionId: 'none' };
		const wrong = enrolTotp(db, testSecretBox, account, input, T);
		const first = enrolled();
		const again = enrolTotp(
			db,
			testSecretBox,
			first.account,
			{ key, code: computeTotp(key, later(60)), sessionId: first.sessionId },
			later(60),
		);
		expect([wrong, again]).toEqual([
			{ ok: false, kind: 'invalid', issues: [{ field: 'code', message: 'twoFactor.wrongCode' }] },
			{
				ok: false,
				kind: 'invalid',
				issues: [{ field: 'code', message: 'twoFactor.alreadyEnrolled' }],
			},
		]);
	});
});

describe('acceptSecondFactor', () => {
	it('a TOTP code is accepted once: not again, nor an older one, within its window', () => {
		const { account, key } = enrolled();
		const at = later(30);
		const results = [
			acceptSecondFactor(db, testSecretBox, account.id, computeTotp(key, at), at),
			acceptSecondFactor(db, testSecretBox, account.id, computeTotp(key, at), at),
			acceptSecondFactor(db, testSecretBox, account.id, computeTotp(key, at, -1), at),
			acceptSecondFactor(db, testSecretBox, account.id, computeTotp(key, at, 1), at),
		];
		expect(results).toEqual(['totp', null, null, 'totp']);
	});

	it('a recovery code works once, typed in any case and without dashes', () => {
		const { account, codes } = enrolled();
		const typed = codes[3]!.replace(/-/g, '').toLowerCase();
		expect([
			acceptSecondFactor(db, testSecretBox, account.id, typed, T),
			acceptSecondFactor(db, testSecretBox, account.id, codes[3]!, T),
			acceptSecondFactor(db, testSecretBox, account.id, 'AAAA-BBBB-CCCC-DDDD', T),
			findTwoFactorStatus(db, account.id)!.recoveryCodesLeft,
		]).toEqual(['recovery', null, null, RECOVERY_CODE_COUNT - 1]);
	});
});

describe('verifySignInCode', () => {
	it('counts wrong codes: the sixth from one address waits, a right one from another works', () => {
		const { account, key } = enrolled();
		const pending = {
			userId: account.id,
			email: account.email,
			sessionId: createSession(db, account, { now: later(60) }).session.id,
		};
		const from = (address: string) => ({ address, userAgent: null, now: later(60) });
		const wrong = Array.from({ length: 6 }, () =>
			verifySignInCode(db, testSecretBox, pending, '123456', from('198.51.100.7')),
		).map((r) => (r.ok ? 'ok' : r.kind));
		const right = verifySignInCode(
			db,
			testSecretBox,
			pending,
			computeTotp(key, later(60)),
			from('203.0.113.5'),
		);
		expect([
			wrong,
			right,
			db.select().from(session).where(eq(session.id, pending.sessionId)).get()!.twoFactorVerifiedAt,
		]).toEqual([
			['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'rateLimited'],
			{ ok: true, kind: 'totp' },
			later(60),
		]);
	});

	it('a recovery code used at sign-in is written to the audit log', () => {
		const { account, codes } = enrolled();
		const pending = {
			userId: account.id,
			email: account.email,
			sessionId: createSession(db, account, { now: T }).session.id,
		};
		const result = verifySignInCode(db, testSecretBox, pending, codes[0]!, {
			address: '203.0.113.5',
			userAgent: null,
			now: T,
		});
		expect([
			result,
			db
				.select({ action: auditEvent.action })
				.from(auditEvent)
				.all()
				.map((e) => e.action),
		]).toEqual([{ ok: true, kind: 'recovery' }, ['user.twoFactorEnrol', 'user.recoveryCodeUse']]);
	});
});
