// Layer: integration (the built server, killed with SIGKILL while staff bulk-approve rooms, then
// restarted on the same SQLite file). Issue 9, fault tests: a bulk approval is all or nothing,
// and the audit log never disagrees with the rooms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from '../merchant/client';
import { clientWith } from '../staff/session-client';
import {
	checkDatabaseHealth,
	isWriteLocked,
	soundHealth,
	watchWriteLock,
} from '../../support/fault-sqlite';
import { createHeavySubmittedRooms, seedFaultWorld } from '../../support/fault-world';
import { startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, createSignedInUser } from '../../support/staff-factories';

/**
 * A selection is at most MAX_BULK (50) rooms (src/lib/server/staff/forms.ts), so "many rooms" is
 * several selections: one to time a whole transaction, then three posted at once, as reviewers
 * working through the queue in several tabs would. The server runs them one after another.
 */
const SELECTION = 50;
const PRODUCTS = 300;

let server: RunningServer;
let restarted: RunningServer | undefined;
let staffToken = '';
let selections: string[][] = [];

beforeAll(async () => {
	server = await startServer({
		now: CONSOLE_NOW,
		seed: (db) => {
			const world = seedFaultWorld(db);
			const items = createHeavySubmittedRooms(db, world, 4 * SELECTION, PRODUCTS);
			selections = [0, 1, 2, 3].map((n) => items.slice(n * SELECTION, (n + 1) * SELECTION));
			staffToken = createSignedInUser(db, 'staff', new Date(CONSOLE_NOW)).token;
		},
	});
}, 60_000);
afterAll(async () => {
	await restarted?.stop(); // first: server.stop() deletes the file they share
	await server?.stop();
});

const idsOf = (selection: string[]) => selection.map((item) => Number(item.split(':')[0]));

/** Posts one selection to the review queue's bulk approve button. */
function postBulk(on: RunningServer, selection: string[]): Promise<Response> {
	return clientWith(on, staffToken).post('/staff/review', 'staff.bulkApprove', {
		queue: 'rooms',
		items: selection,
	});
}

/** For each room of a selection: its review status and how many `room.approve` events it has. */
function readSelection(selection: string[]): { approved: number; audited: number[] } {
	const ids = idsOf(selection);
	const rows = queryDb<{ id: number; review_status: string; approvals: number }>(
		server.file,
		`select r.id, r.review_status, (select count(*) from audit_event a
			where a.entity_type = 'room' and a.entity_id = r.id and a.action = 'room.approve') approvals
		from room r where r.id in (select value from json_each(?)) order by r.id`,
		JSON.stringify(ids),
	);
	return {
		approved: rows.filter((r) => r.review_status === 'approved').length,
		// One event per approved room and none for a room still waiting: 1s then 0s, or all 0s.
		audited: rows.map((r) => (r.review_status === 'approved' ? r.approvals - 1 : r.approvals)),
	};
}
const noExtraEvents = Array<number>(SELECTION).fill(0);

describe('SIGKILL in the middle of a bulk approval', () => {
	it('leaves each selection all or none approved, one audit event per approved room; re-run completes', async () => {
		// The first selection, left to finish: how long one holds SQLite's write lock.
		let answered = false;
		const first = postBulk(server, selections[0]!).finally(() => (answered = true));
		const { longestMs: bulkMs } = await watchWriteLock(server.file, () => answered);
		expect([(await first).status, readSelection(selections[0]!).approved]).toEqual([303, 50]);

		// The other three at once; kill when one has held the lock for half a whole one's time.
		let pending = 3;
		const outcomes = selections.slice(1).map((selection) =>
			postBulk(server, selection)
				.then(
					(r) => `answered ${r.status}`,
					() => 'connection lost',
				)
				.finally(() => (pending -= 1)),
		);
		const { longestMs } = await watchWriteLock(
			server.file,
			(held) => held >= bulkMs / 2 || pending === 0,
		);
		const lockedAtKill = isWriteLocked(server.file);
		await server.kill('SIGKILL');
		const answers = await Promise.all(outcomes);

		// Inside a transaction: the lock was held for half a whole approval's time, and still was.
		expect({ lockedAtKill, halfway: longestMs >= bulkMs / 2 }).toEqual({
			lockedAtKill: true,
			halfway: true,
		});

		// After the crash: sound; each selection all or none, answered ones all; the one the kill
		// interrupted none; exactly one audit event per approved room, none for the others.
		const after = selections.slice(1).map(readSelection);
		const approvedRooms = 50 + after.reduce((n, s) => n + s.approved, 0);
		expect(checkDatabaseHealth(server.file)).toEqual(
			soundHealth({ ftsRows: 3 + approvedRooms, publicRooms: 3 + approvedRooms }),
		);
		for (const [i, selection] of after.entries()) {
			expect(selection.audited).toEqual(noExtraEvents);
			expect(answers[i] === 'answered 303' ? [50] : [0, 50]).toContain(selection.approved);
		}
		expect(after.some((s) => s.approved === 0)).toBe(true);

		// Restarted, the same three selections posted again: all rooms approved, each exactly once
		// in the audit log (rooms already approved are skipped as "decided by someone else").
		restarted = await startServer({ file: server.file, now: CONSOLE_NOW });
		for (const selection of selections.slice(1)) {
			expect((await postBulk(restarted, selection)).status).toBe(303);
		}
		expect(selections.map(readSelection)).toEqual(
			selections.map(() => ({ approved: 50, audited: noExtraEvents })),
		);
		expect(checkDatabaseHealth(server.file)).toEqual(
			soundHealth({ ftsRows: 3 + 200, publicRooms: 3 + 200 }),
		);
	}, 60_000);
});
