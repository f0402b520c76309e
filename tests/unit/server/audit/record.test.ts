import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvent } from '../../../../db/schema';
import { recordAuditEvent } from '../../../../src/lib/server/audit/record';
import type { Db } from '../../../../src/lib/server/db';
import { createTempDb } from '../../../support/temp-db';

let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

describe('the audit log', () => {
	it('recordAuditEvent stores who, what, which entity, before and after as JSON, and why', () => {
		const id = recordAuditEvent(db, {
			actor: { userId: null, name: 'staff:create (CLI)' },
			action: 'room.reject',
			entityType: 'room',
			entityId: 42,
			before: { reviewStatus: 'submitted' },
			after: { reviewStatus: 'rejected' },
			reason: '时间冲突',
			at: new Date('2026-06-06T02:00:00Z'),
		});
		expect(db.select().from(auditEvent).get()).toEqual({
			id,
			actorUserId: null,
			actorName: 'staff:create (CLI)',
			action: 'room.reject',
			entityType: 'room',
			entityId: 42,
			before: { reviewStatus: 'submitted' },
			after: { reviewStatus: 'rejected' },
			reason: '时间冲突',
			createdAt: new Date('2026-06-06T02:00:00Z'),
		});
	});

	it('is append-only: UPDATE and DELETE are refused by the database itself', () => {
		recordAuditEvent(db, {
			actor: { userId: null, name: 'x' },
			action: 'festival.update',
			entityType: 'festival',
			entityId: 1,
			at: new Date(),
		});
		expect(() => db.update(auditEvent).set({ reason: 'rewritten' }).run()).toThrow(
			'audit_event is append-only',
		);
		expect(() => db.delete(auditEvent).run()).toThrow('audit_event is append-only');
		expect(db.select().from(auditEvent).all().length).toBe(1);
	});
});
