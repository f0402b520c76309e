// Layer: integration (the built server, killed with SIGKILL in the middle of an import, then
// restarted on the same SQLite file). Issue 9, fault tests: an import is all or nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from '../merchant/client';
import { clientWith } from '../staff/session-client';
import {
	checkDatabaseHealth,
	isWriteLocked,
	soundHealth,
	watchWriteLock,
} from '../../support/fault-sqlite';
import {
	addSignedInMerchant,
	buildLiveInfoPayload,
	FAULT_NOW,
	seedFaultWorld,
} from '../../support/fault-world';
import { startServer, type RunningServer } from '../../support/server';

const ROOMS = 5_000;
const PAYLOAD = buildLiveInfoPayload(ROOMS);
/** The search index holds the world's three public rooms; imported rooms wait for review. */
const SOUND = soundHealth({ ftsRows: 3, publicRooms: 3 });

const merchants = {
	baseline: { merchantId: 0, merchantToken: '' },
	crashed: { merchantId: 0, merchantToken: '' },
};
let server: RunningServer;
let restarted: RunningServer | undefined;

beforeAll(async () => {
	server = await startServer({
		now: FAULT_NOW,
		seed: (db) => {
			const world = seedFaultWorld(db);
			merchants.baseline = world;
			merchants.crashed = addSignedInMerchant(db, world, 'big-shop@example.com');
		},
	});
});
afterAll(async () => {
	await restarted?.stop(); // first: server.stop() deletes the file they share
	await server?.stop();
});

/** Posts the 5,000-room file to the import page as the merchant's browser does. */
function postImport(on: RunningServer, token: string): Promise<Response> {
	return clientWith(on, token).post('/merchant/rooms/import', 'rooms.import', {
		file: { blob: new Blob([PAYLOAD]), name: 'getliveinfo.json' },
	});
}

/** A merchant's rooms, their distinct WeChat ids, and the outbox rows that go with them. */
const roomsOf = (merchantId: number) =>
	queryDb<{ rooms: number; wxIds: number; outbox: number }>(
		server.file,
		`select count(*) rooms, count(distinct wx_room_id) wxIds,
			(select count(*) from search_outbox o join room r on r.id = o.room_id
				where r.merchant_id = ?) outbox
		from room where merchant_id = ?`,
		merchantId,
		merchantId,
	)[0]!;

describe('SIGKILL in the middle of a 5,000-room import on the server', () => {
	it('leaves none of the rooms and a sound database and index; run again, it adds each room once', async () => {
		// Another merchant's import, left to finish: how long such an import holds SQLite's
		// write lock, so that the kill below can aim at the middle of one.
		let answered = false;
		const baseline = postImport(server, merchants.baseline.merchantToken).finally(
			() => (answered = true),
		);
		const { longestMs: importMs } = await watchWriteLock(server.file, () => answered);
		expect([(await baseline).status, roomsOf(merchants.baseline.merchantId).rooms]).toEqual([
			200,
			ROOMS,
		]);

		answered = false;
		const crashed = postImport(server, merchants.crashed.merchantToken).then(
			(r) => `answered ${r.status}`,
			() => 'connection lost',
		);
		const { longestMs } = await watchWriteLock(
			server.file,
			(held) => held >= importMs / 2 || answered,
		);
		const lockedAtKill = isWriteLocked(server.file);
		await server.kill('SIGKILL');

		// The kill landed inside the import's transaction: the write lock had been held without a
		// break for half as long as a whole import takes and still was, and no answer came.
		expect({ lockedAtKill, halfway: longestMs >= importMs / 2, answer: await crashed }).toEqual({
			lockedAtKill: true,
			halfway: true,
			answer: 'connection lost',
		});

		// Reopened (which drops the WAL's uncommitted tail): sound, and none of the rooms.
		expect(checkDatabaseHealth(server.file)).toEqual(SOUND);
		expect(roomsOf(merchants.crashed.merchantId)).toEqual({ rooms: 0, wxIds: 0, outbox: 0 });

		// Restarted on the same file, the same import completes: every room once, with its row
		// in the Meilisearch outbox; the other merchant's import is untouched.
		restarted = await startServer({ file: server.file, now: FAULT_NOW });
		expect((await postImport(restarted, merchants.crashed.merchantToken)).status).toBe(200);
		const complete = { rooms: ROOMS, wxIds: ROOMS, outbox: ROOMS };
		expect([roomsOf(merchants.crashed.merchantId), roomsOf(merchants.baseline.merchantId)]).toEqual(
			[complete, complete],
		);
		expect(checkDatabaseHealth(server.file)).toEqual(SOUND);
	}, 90_000);
});
