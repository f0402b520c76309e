import { auditEvent } from '../../../../db/schema';
import type { Db } from '../db';
import { findClientAddress } from '../request-client';

/** Who did something: a signed-in account (named by its email) or an operator's script. */
export interface AuditActor {
	userId: number | null;
	name: string;
}

export interface AuditEventInput {
	actor: AuditActor;
	/** `<entity>.<verb>`: `room.approve`, `merchant.reject`, `festival.update`, `staff.create` … */
	action: string;
	entityType: string;
	entityId: number | null;
	before?: unknown;
	after?: unknown;
	reason?: string | null;
	at: Date;
	/** The client address when recorded away from the request (a worker thread); else the request's. */
	clientAddress?: string | null;
}

/**
 * Appends one event to the audit log. Call it inside the transaction of the change it records, so
 * the change and its record commit or fail together. The table refuses UPDATE and DELETE
 * (db/migrations/0005_audit_append_only.sql): nothing written here can be rewritten. The client
 * address is the serving layer's decision for the request being served (request-client.ts).
 */
export function recordAuditEvent(db: Db, event: AuditEventInput): number {
	return db
		.insert(auditEvent)
		.values({
			actorUserId: event.actor.userId,
			actorName: event.actor.name,
			action: event.action,
			entityType: event.entityType,
			entityId: event.entityId,
			before: event.before ?? null,
			after: event.after ?? null,
			reason: event.reason ?? null,
			clientAddress: event.clientAddress !== undefined ? event.clientAddress : findClientAddress(),
			createdAt: event.at,
		})
		.returning({ id: auditEvent.id })
		.get().id;
}
