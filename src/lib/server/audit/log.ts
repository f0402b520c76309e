import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvent } from '../../../../db/schema';
import { addDays, getDayBounds } from '../../shared/time';
import type { Db } from '../db';

export const AUDIT_PAGE_SIZE = 50;

/** Which events to show; days are festival-zone calendar days, both ends included. */
export interface AuditFilters {
	actorUserId?: number | undefined;
	entityType?: string | undefined;
	entityId?: number | undefined;
	from?: string | undefined;
	to?: string | undefined;
}

export type AuditEventRow = typeof auditEvent.$inferSelect;

function whereOf(filters: AuditFilters, timeZone: string): SQL | undefined {
	const conditions: SQL[] = [];
	if (filters.actorUserId) conditions.push(eq(auditEvent.actorUserId, filters.actorUserId));
	if (filters.entityType) conditions.push(eq(auditEvent.entityType, filters.entityType));
	if (filters.entityId) conditions.push(eq(auditEvent.entityId, filters.entityId));
	if (filters.from)
		conditions.push(gte(auditEvent.createdAt, getDayBounds(filters.from, timeZone).start));
	if (filters.to) {
		conditions.push(lt(auditEvent.createdAt, getDayBounds(addDays(filters.to, 1), timeZone).start));
	}
	return conditions.length === 0 ? undefined : and(...conditions);
}

/** One page of the audit log, newest first, and how many events match. Read-only, always. */
export function listAuditEvents(
	db: Db,
	filters: AuditFilters,
	timeZone: string,
	page: number,
): { events: AuditEventRow[]; total: number } {
	const where = whereOf(filters, timeZone);
	const events = db
		.select()
		.from(auditEvent)
		.where(where)
		.orderBy(desc(auditEvent.createdAt), desc(auditEvent.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset((page - 1) * AUDIT_PAGE_SIZE)
		.all();
	const total =
		db
			.select({ n: sql<number>`count(*)` })
			.from(auditEvent)
			.where(where)
			.get()?.n ?? 0;
	return { events, total };
}

/** Everyone who appears in the log, for the person filter. */
export function listAuditActors(db: Db): { userId: number | null; name: string }[] {
	return db
		.selectDistinct({ userId: auditEvent.actorUserId, name: auditEvent.actorName })
		.from(auditEvent)
		.orderBy(auditEvent.actorName)
		.all();
}

/** The entity types in the log (room, merchant, festival, featured, user). */
export function listAuditEntityTypes(db: Db): string[] {
	return db
		.selectDistinct({ type: auditEvent.entityType })
		.from(auditEvent)
		.orderBy(auditEvent.entityType)
		.all()
		.map((r) => r.type);
}
