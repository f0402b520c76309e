import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { session } from '../../../../db/schema';
import {
	createSession,
	invalidateUserSessions,
	listUserSessions,
	revokeUserSession,
	validateSessionToken,
} from '../../../../src/lib/server/auth/session';
import { hashSecret, parseSessionToken } from '../../../../src/lib/server/auth/token';
import type { Db } from '../../../../src/lib/server/db';
import { createUser } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const DAY = 24 * 60 * 60_000;
const T = new Date('2026-06-01T00:00:00Z');
const later = (ms: number) => new Date(T.getTime() + ms);

let temp: ReturnType<typeof createTempDb>;
let db: Db;
let account: ReturnType<typeof createUser>;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
	account = createUser(db);
});
afterEach(() => temp.cleanup());

describe('session tokens', () => {
	it('createSession stores the SHA-256 of the secret, never the token', () => {
		const { token } = createSession(db, account, { now: T });
		const parsed = parseSessionToken(token)!;
		const row = db.select().from(session).get()!;
		expect([
			row.id,
			Buffer.from(row.secretHash).equals(Buffer.from(hashSecret(parsed.secret))),
		]).toEqual([parsed.id, true]);
		expect(JSON.stringify(row)).not.toContain(parsed.secret);
	});

	it('a token carries at least 160 random bits of secret (32 base32 characters)', () => {
		const { token } = createSession(db, account, { now: T });
		expect(parseSessionToken(token)!.secret).toMatch(/^[a-z2-7]{32}$/);
	});

	it('validateSessionToken with the right token returns the user', () => {
		const { token } = createSession(db, account, { now: T });
		const result = validateSessionToken(db, token, later(60_000));
		expect([result.user?.id, result.user?.email, result.user?.businessName]).toEqual([
			account.id,
			account.email,
			null,
		]);
	});

	it('validateSessionToken with a changed secret, a malformed token or an unknown id is signed out', () => {
		const { token } = createSession(db, account, { now: T });
		const [id, secret] = token.split('.') as [string, string];
		const flipped = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
		const results = [flipped, 'garbage', `${'a'.repeat(24)}.${secret}`, `${token}x`].map(
			(t) => validateSessionToken(db, t, later(1000)).user,
		);
		expect(results).toEqual([null, null, null, null]);
	});
});

describe('session expiry', () => {
	it('a merchant session unused for 7 days ends and is deleted', () => {
		const { token } = createSession(db, account, { now: T });
		const result = validateSessionToken(db, token, later(7 * DAY));
		expect([result.user, db.select().from(session).all().length]).toEqual([null, 0]);
	});

	it('use after half the idle window slides the expiry to 7 days from then', () => {
		const { token } = createSession(db, account, { now: T });
		const result = validateSessionToken(db, token, later(4 * DAY));
		expect([result.refreshed, result.session?.expiresAt.toISOString()]).toEqual([
			true,
			later(11 * DAY).toISOString(),
		]);
	});

	it('use early in the idle window writes nothing', () => {
		const { token } = createSession(db, account, { now: T });
		const result = validateSessionToken(db, token, later(30 * 60_000));
		expect([result.refreshed, result.session?.expiresAt.toISOString()]).toEqual([
			false,
			later(7 * DAY).toISOString(),
		]);
	});

	it('a session used every 3 days still ends 30 days after it began (absolute cap)', () => {
		const { token } = createSession(db, account, { now: T });
		const alive: number[] = [];
		for (let day = 3; day <= 33; day += 3) {
			if (validateSessionToken(db, token, later(day * DAY)).user) alive.push(day);
		}
		expect(alive).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27]);
	});
});

describe('revocation', () => {
	it('revokeUserSession ends one session of the user and refuses another user’s', () => {
		const other = createUser(db);
		const mine = createSession(db, account, { now: T });
		const theirs = createSession(db, other, { now: T });
		const results = [
			revokeUserSession(db, account.id, theirs.session.id),
			revokeUserSession(db, account.id, mine.session.id),
		];
		expect(results).toEqual([false, true]);
		expect([
			validateSessionToken(db, mine.token, later(1)).user,
			validateSessionToken(db, theirs.token, later(1)).user?.id,
		]).toEqual([null, other.id]);
	});

	it('invalidateUserSessions with an exception keeps only that session', () => {
		const keep = createSession(db, account, { now: T });
		createSession(db, account, { now: T });
		createSession(db, account, { now: T });
		const ended = invalidateUserSessions(db, account.id, keep.session.id);
		expect([ended, listUserSessions(db, account.id, later(1)).map((s) => s.id)]).toEqual([
			2,
			[keep.session.id],
		]);
	});

	it('deleting the user ends its sessions', () => {
		const { token } = createSession(db, account, { now: T });
		db.$client.prepare('delete from user where id = ?').run(account.id);
		expect([
			validateSessionToken(db, token, later(1)).user,
			db.select().from(session).where(eq(session.userId, account.id)).all(),
		]).toEqual([null, []]);
	});
});
