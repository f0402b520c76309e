import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { room } from '../../../db/schema';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/cookie';
import { readPage } from '../../support/html';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, seedConsoleWorld, type ConsoleWorld } from '../../support/staff-factories';

/**
 * Rooms a complete sync no longer found in the merchant's list keep their status (merchant-sync.ts
 * marks them `wx_missing_since`); staff see them on the sync page and on the room's review page.
 */
let server: RunningServer;
let w: ConsoleWorld;
const EARLIER = new Date('2026-06-07T02:15:00Z'); // 10:15 Shanghai
const LATER = new Date('2026-06-07T03:00:00Z'); // 11:00

beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		seed: (db) => {
			w = seedConsoleWorld(db);
			const rejected = w.submitted2.id;
			db.update(room).set({ reviewStatus: 'rejected' }).where(eq(room.id, rejected)).run();
			// The submitted room (the lower id) went missing later: the list is by date, not id.
			for (const [id, since] of [
				[w.approved[1]!.id, EARLIER],
				[w.submitted.id, LATER],
				[rejected, EARLIER],
			] as const) {
				db.update(room).set({ wxMissingSince: since }).where(eq(room.id, id)).run();
			}
		},
	});
});
afterAll(() => server?.stop());

const asStaff = (path: string) =>
	server.get(path, { headers: { cookie: `${SESSION_COOKIE}=${w.tokens.staff}` } });

describe('rooms the mini programs no longer report', () => {
	it('are listed for staff on the sync page, oldest first, submitted and approved ones only', async () => {
		const page = readPage(await (await asStaff('/staff/sync')).text());
		const rows = page.doc.querySelectorAll('section[aria-labelledby="missing-heading"] tbody tr');
		expect(
			rows.map((row) => [
				row.querySelector('a')?.getAttribute('href'),
				row.querySelector('a')?.text,
				row.querySelectorAll('td')[3]?.text,
			]),
		).toEqual([
			[`/staff/review/room/${w.approved[1]!.id}`, w.approved[1]!.title, '2026-06-07 10:15'],
			[`/staff/review/room/${w.submitted.id}`, w.submitted.title, '2026-06-07 11:00'],
		]);
	});

	it("say so on the room's review page, where staff can take the room down", async () => {
		const page = readPage(
			await (await asStaff(`/en/staff/review/room/${w.approved[1]!.id}`)).text(),
		);
		expect([page.text('p.notice[role=status]'), page.texts('form.decision.reject').length]).toEqual(
			[
				'The mini program no longer reports this room (since 2026-06-07 10:15). It keeps its status until you decide: reject it to take it off the schedule, or leave it.',
				1,
			],
		);
	});
});
