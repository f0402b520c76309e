import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvent } from '../../../../db/schema';
import { recordAuditEvent } from '../../../../src/lib/server/audit/record';
import type { Db } from '../../../../src/lib/server/db';
import { runForClient } from '../../../../src/lib/server/request-client';
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
			clientAddress: null,
			createdAt: new Date('2026-06-06T02:00:00Z'),
		});
	});

	it('records the client address of the request it is written in, and none outside one', () => {
		const event = (name: string) => ({
			actor: { userId: null, name },
			action: 'festival.update',
			entityType: 'festival',
			entityId: 1,
			at: new Date('2026-06-06T02:00:00Z'),
		});
		runForClient('203.0.113.5', () => recordAuditEvent(db, event('in a request')));
		recordAuditEvent(db, event('a script'));
		expect(
			db
				.select({ name: auditEvent.actorName, address: auditEvent.clientAddress })
				.from(auditEvent)
				.all(),
		).toEqual([
			{ name: 'in a request', address: '203.0.113.5' },
			{ name: 'a script', address: null },
		]);
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
