import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Rooms whose search document changed and must be pushed to an external engine (Meilisearch).
 * Written by triggers in the same transaction as the change (db/migrations/0002_room_search.sql),
 * one row per room (a later change replaces an unsent one), so the outbox never outgrows the room
 * table and nothing is lost while the engine is down. The embedded FTS5 index needs no outbox: the
 * same triggers update it directly.
 */
export const searchOutbox = sqliteTable(
	'search_outbox',
	{
		roomId: integer('room_id').primaryKey(),
		changedAt: integer('changed_at').notNull(),
		attempts: integer().notNull().default(0),
		nextAttemptAt: integer('next_attempt_at').notNull().default(0),
		lastError: text('last_error'),
	},
	(t) => [
		index('search_outbox_due_idx').on(t.nextAttemptAt),
		// The oldest waiting change in one step: the outbox's lag, for /readyz and /metrics.
		index('search_outbox_changed_idx').on(t.changedAt),
	],
);
