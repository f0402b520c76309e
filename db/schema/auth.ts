import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { USER_ROLES } from '../../src/lib/shared/user-role';
import { district } from './festival';

/**
 * An account. The email is stored normalised (trimmed, NFKC, lower case) so the unique index is
 * the one rule that stops a second account for the same address. Only an argon2id hash of the
 * password is kept.
 */
export const user = sqliteTable(
	'user',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		email: text().notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text({ enum: USER_ROLES }).notNull().default('merchant'),
		/**
		 * The one district a `district` account works for (its capabilities are scoped to it:
		 * src/lib/server/staff/capabilities.ts); null for every other role.
		 */
		districtId: integer('district_id').references(() => district.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [uniqueIndex('user_email_unique').on(t.email)],
);

/**
 * A signed-in browser, as the Lucia guide builds it: the cookie carries `<id>.<secret>`; the
 * database keeps the id and only the SHA-256 of the secret, so a leaked copy of this table opens
 * no account. `expiresAt` slides forward with use but never past `createdAt` + the role's cap.
 */
export const session = sqliteTable(
	'session',
	{
		id: text().primaryKey(),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		/** When the password was last entered in this session (sign-in or re-entry for admin actions). */
		passwordConfirmedAt: integer('password_confirmed_at', { mode: 'timestamp_ms' }),
		/** The browser's own description of itself (truncated), so a merchant can tell sessions apart. */
		userAgent: text('user_agent').notNull().default(''),
		/**
		 * When this session passed the second factor (a TOTP or recovery code, or enrolment). While
		 * the account has one enrolled and this is null, the session opens nothing but the code step.
		 */
		twoFactorVerifiedAt: integer('two_factor_verified_at', { mode: 'timestamp_ms' }),
	},
	(t) => [index('session_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Fixed-window counters for log-in, sign-up, code and open-beacon attempts. The key is a SHA-256 of what is counted
 * (`login:account:<email>`, `login:address:<ip>` …), so the table holds no addresses in clear.
 */
export const rateLimit = sqliteTable(
	'rate_limit',
	{
		key: text().primaryKey(),
		count: integer().notNull(),
		windowStartedAt: integer('window_started_at', { mode: 'timestamp_ms' }).notNull(),
	},
	// Old buckets are pruned by this, a few hundred at a time (auth/rate-limit.ts).
	(t) => [index('rate_limit_window_idx').on(t.windowStartedAt)],
);

/**
 * A bureau account's TOTP authenticator (RFC 6238, 30 s, 6 digits). The key is kept only sealed
 * (src/lib/server/crypto/secret-box.ts, bound to the user's id). `confirmedAt` is null while an
 * enrolment waits for its first code; `lastUsedStep` is the time step of the last code accepted,
 * so no code is accepted twice, not even within its own window.
 */
export const userTotp = sqliteTable('user_totp', {
	userId: integer('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	keySealed: text('key_sealed').notNull(),
	confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
	lastUsedStep: integer('last_used_step').notNull().default(0),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * One-time recovery codes, ten per enrolment, each kept only as its SHA-256 (a code is 80 random
 * bits, so the hash cannot be walked back). A used code keeps its row with `usedAt`.
 */
export const userRecoveryCode = sqliteTable(
	'user_recovery_code',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
	},
	(t) => [uniqueIndex('user_recovery_code_unique').on(t.userId, t.codeHash)],
);
