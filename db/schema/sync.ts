import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { merchant } from './merchant';

/** How the portal learns a merchant's rooms: a feed URL of theirs, or WeChat credentials. */
export const ROOM_SOURCE_KINDS = ['feed', 'credentials'] as const;
/** The outcome of a merchant's last sync. */
export const SYNC_RESULTS = ['ok', 'failed', 'quota', 'skipped'] as const;

/**
 * One merchant's room source and its sync state. Secrets (AppSecret, cached access token) are
 * stored only as AES-256-GCM ciphertexts (src/lib/server/crypto/secret-box.ts), bound to the
 * merchant's id, and are never read back to a page.
 */
export const merchantRoomSource = sqliteTable(
	'merchant_room_source',
	{
		merchantId: integer('merchant_id')
			.primaryKey()
			.references(() => merchant.id, { onDelete: 'cascade' }),
		kind: text({ enum: ROOM_SOURCE_KINDS }).notNull(),
		enabled: integer({ mode: 'boolean' }).notNull().default(true),
		feedUrl: text('feed_url'),
		/** Credentials: the AppSecret (encrypted), or a third-party platform's token endpoint. */
		appSecretEnc: text('app_secret_enc'),
		tokenUrl: text('token_url'),
		accessTokenEnc: text('access_token_enc'),
		accessTokenExpiresAt: integer('access_token_expires_at', { mode: 'timestamp_ms' }),
		lastSyncAt: integer('last_sync_at', { mode: 'timestamp_ms' }),
		lastResult: text('last_result', { enum: SYNC_RESULTS }),
		lastError: text('last_error'),
		/** Counts of the last successful sync (created/updated/unchanged/skipped/missing), as JSON. */
		lastSummary: text('last_summary', { mode: 'json' }).$type<Record<string, number>>(),
		failures: integer().notNull().default(0),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
		/** The per-hour call budget: the hour's start and the calls made in it. */
		callsHourStart: integer('calls_hour_start', { mode: 'timestamp_ms' }),
		callsThisHour: integer('calls_this_hour').notNull().default(0),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [index('merchant_room_source_due_idx').on(t.enabled, t.nextAttemptAt)],
);
