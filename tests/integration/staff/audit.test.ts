import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../../src/lib/server/audit/record';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import {
	CONSOLE_NOW,
	createStaffUser,
	seedConsoleWorld,
	type ConsoleWorld,
} from '../../support/staff-factories';
import { clientWith } from './session-client';

let server: RunningServer;
let w: ConsoleWorld;
const people: Record<string, number> = {};

beforeAll(async () => {
	server = await startServer({
		seed: (db) => {
			w = seedConsoleWorld(db);
			const ana = createStaffUser(db, 'staff', 'ana@bureau.gov.cn');
			const bo = createStaffUser(db, 'admin', 'bo@bureau.gov.cn');
			people.ana = ana.id;
			people.bo = bo.id;
			const event = (
				who: { id: number; email: string },
				action: string,
				entityType: string,
				entityId: number,
				at: string,
				reason: string | null = null,
			) =>
				recordAuditEvent(db, {
					actor: { userId: who.id, name: who.email },
					action,
					entityType,
					entityId,
					before: { reviewStatus: 'submitted' },
					after: { reviewStatus: action === 'room.reject' ? 'rejected' : 'approved' },
					reason,
					// Shanghai days: 5 June 23:30 and 6 June 00:30 fall on different days.
					at: new Date(at),
				});
			event(ana, 'room.approve', 'room', 11, '2026-06-05T15:30:00Z');
			event(ana, 'room.reject', 'room', 12, '2026-06-05T16:30:00Z', '标题与商品不符');
			event(bo, 'merchant.approve', 'merchant', 7, '2026-06-06T02:00:00Z');
			event(bo, 'festival.update', 'festival', 1, '2026-06-06T03:00:00Z');
		},
		now: CONSOLE_NOW,
	});
});
afterAll(() => server?.stop());

async function rows(query: string): Promise<string[][]> {
	const page = readPage(
		await (await clientWith(server, w.tokens.staff).get(`/staff/audit${query}`)).text(),
	);
	return page.doc.querySelectorAll('tbody tr').map((tr) =>
		tr
			.querySelectorAll('td')
			.slice(0, 5)
			.map((td) => td.textContent.replace(/\s+/g, ' ').trim()),
	);
}

describe('the audit log', () => {
	it('lists every event newest first with who, what, which entity and why', async () => {
		expect(await rows('')).toEqual([
			['2026-06-06 11:00', 'bo@bureau.gov.cn', 'festival.update', 'festival #1', ''],
			['2026-06-06 10:00', 'bo@bureau.gov.cn', 'merchant.approve', 'merchant #7', ''],
			['2026-06-06 00:30', 'ana@bureau.gov.cn', 'room.reject', 'room #12', '标题与商品不符'],
			['2026-06-05 23:30', 'ana@bureau.gov.cn', 'room.approve', 'room #11', ''],
		]);
	});

	it('filters by person, by entity and by festival-zone date', async () => {
		const byPerson = await rows(`?person=${people.ana}`);
		const byEntity = await rows('?entity=room&entityId=12');
		const byDay = await rows('?from=2026-06-06&to=2026-06-06');
		const before = await rows('?to=2026-06-05');
		expect([
			byPerson.map((r) => r[2]),
			byEntity.map((r) => r[2]),
			byDay.map((r) => r[2]),
			before.map((r) => r[2]),
		]).toEqual([
			['room.reject', 'room.approve'],
			['room.reject'],
			['festival.update', 'merchant.approve', 'room.reject'],
			['room.approve'],
		]);
	});

	it('malformed filters are ignored rather than failing', async () => {
		const response = await clientWith(server, w.tokens.staff).get(
			'/staff/audit?person=abc&entity=%3Cscript%3E&from=2026-02-30&page=-1',
		);
		const page = readPage(await response.text());
		expect([response.status, page.doc.querySelectorAll('tbody tr').length]).toEqual([200, 4]);
	});
});
