import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './auth';

/**
 * Every staff decision and change, with who, what and the entity's state before and after (JSON).
 * Append-only: triggers in db/migrations/0005_audit_append_only.sql refuse UPDATE and DELETE, so no
 * code path, UI or endpoint can rewrite history.
 */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		/** Null for actions by a script run by an operator (then `actorName` says which). */
		actorUserId: integer('actor_user_id').references(() => user.id),
		actorName: text('actor_name').notNull(),
		/** e.g. `room.approve`, `merchant.reject`, `festival.update`, `staff.create`. */
		action: text().notNull(),
		entityType: text('entity_type').notNull(),
		entityId: integer('entity_id'),
		before: text({ mode: 'json' }).$type<unknown>(),
		after: text({ mode: 'json' }).$type<unknown>(),
		reason: text(),
		/** The client address the change came from (src/serve/client-address.ts); null for scripts. */
		clientAddress: text('client_address'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [
		index('audit_event_created_idx').on(t.createdAt),
		index('audit_event_actor_idx').on(t.actorUserId, t.createdAt),
		index('audit_event_entity_idx').on(t.entityType, t.entityId, t.createdAt),
	],
);
