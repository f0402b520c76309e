// Layer: integration (the built server with its in-server sync worker, against a merchant feed on
// a loopback server that accepts the connection and never answers). Issue 9, fault tests: a
// hanging WeChat feed costs its merchant a timeout and nobody else anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from '../merchant/client';
import { clientWith } from '../staff/session-client';
import { startSilentServer, type SilentServer } from '../../support/fault-net';
import { sleep } from '../../support/fault-sqlite';
import { FAULT_NOW, seedFaultWorld, type FaultWorld } from '../../support/fault-world';
import { startServer, type RunningServer } from '../../support/server';
import { createSyncedRoom } from '../../support/sync-world';

const SYNC_TIMEOUT_MS = 3_000;
/** "Promptly": far below the sync's timeout, which a page stuck behind the sync would wait out. */
const PROMPT_MS = 1_500;

let silent: SilentServer;
let server: RunningServer;
let world: FaultWorld;
beforeAll(async () => {
	silent = await startSilentServer();
	server = await startServer({
		now: FAULT_NOW,
		env: {
			SYNC_INTERVAL_MS: '200',
			SYNC_TIMEOUT_MS: String(SYNC_TIMEOUT_MS),
			SYNC_ALLOW_HTTP: '1',
			SYNC_ALLOW_LOOPBACK: '1',
		},
		seed: (db) => {
			world = seedFaultWorld(db);
			const at = { festival: { id: world.festivalId }, district: { id: world.districtId } };
			createSyncedRoom(db, { ...at, category: { id: world.categoryId } }, world.merchantId, 777);
		},
	});
});
afterAll(async () => {
	await server?.stop();
	await silent?.stop();
});

const merchantRooms = () =>
	queryDb(server.file, 'select * from room where merchant_id = ? order by id', world.merchantId);
const syncStatus = () =>
	queryDb<{ last_result: string | null; last_error: string | null }>(
		server.file,
		'select last_result, last_error from merchant_room_source where merchant_id = ?',
		world.merchantId,
	)[0];

async function waitFor(check: () => boolean, withinMs: number): Promise<boolean> {
	const deadline = Date.now() + withinMs;
	while (!check() && Date.now() < deadline) await sleep(50);
	return check();
}

describe('a merchant feed that never answers', () => {
	it('leaves every page prompt while the sync hangs, then records a timeout and writes no room', async () => {
		const roomsBefore = merchantRooms();
		const merchant = clientWith(server, world.merchantToken);

		// The merchant sets the feed; the worker (every 200 ms) finds it due and calls it.
		const saved = await merchant.post('/merchant/sync', 'sync.save', {
			kind: 'feed',
			feedUrl: `${silent.origin}/feed.json`,
		});
		expect(saved.status).toBe(303);
		expect(
			await waitFor(() => silent.requestLines().includes('GET /feed.json HTTP/1.1'), 5_000),
		).toBe(true);

		// While it hangs (no result recorded yet), public and merchant pages answer at once.
		const paths = ['/', '/schedule', `/rooms/${world.publicRoomIds[0]}`, '/en/schedule'];
		const own = ['/merchant', '/merchant/rooms', '/merchant/sync'];
		const answers = [];
		for (const [path, client] of [
			...paths.map((p) => [p, undefined] as const),
			...own.map((p) => [p, merchant] as const),
		]) {
			const started = performance.now();
			const response = client ? await client.get(path) : await server.get(path);
			await response.arrayBuffer();
			answers.push([path, response.status, performance.now() - started < PROMPT_MS]);
		}
		expect(syncStatus()?.last_result ?? null).toBeNull();
		expect(answers).toEqual([...paths, ...own].map((path) => [path, 200, true]));

		// The sync gives up after SYNC_TIMEOUT_MS: a timeout recorded, the merchant's rooms as they were.
		expect(await waitFor(() => syncStatus()?.last_result != null, SYNC_TIMEOUT_MS + 5_000)).toBe(
			true,
		);
		expect(syncStatus()).toEqual({ last_result: 'failed', last_error: 'sync.error.timeout' });
		expect(merchantRooms()).toEqual(roomsBefore);
		const page = await (await merchant.get('/merchant/sync')).text();
		expect(page).toContain('对方服务器响应超时。');
	}, 30_000);
});
