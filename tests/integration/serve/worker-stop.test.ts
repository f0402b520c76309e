// Layer: integration (the built server with its in-server sync worker, against merchant feeds on a
// loopback stub). Issue 13: background workers start and stop with the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../src/lib/server/crypto/secret-box';
import { saveRoomSource } from '../../../src/lib/server/sync/source-settings';
import { createFestivalWorld, createMerchant } from '../../support/factories';
import { startSilentServer } from '../../support/fault-net';
import { FAULT_NOW, seedFaultWorld } from '../../support/fault-world';
import { queryDb } from '../merchant/client';
import { startServer, type RunningServer } from '../../support/server';
import {
	liveInfo,
	liveRoom,
	startWechatStub,
	type WechatStub,
} from '../../support/sync-wechat-stub';
import { createSyncedRoom } from '../../support/sync-world';

/** How long the first merchant's feed takes to answer: the pass is running when SIGTERM comes. */
const FEED_DELAY_MS = 1_500;

let stub: WechatStub;
let server: RunningServer;
const merchants: number[] = [];
beforeAll(async () => {
	stub = await startWechatStub();
	stub.handle = () => ({ json: liveInfo([liveRoom(4242)]), delayMs: FEED_DELAY_MS });
	server = await startServer({
		now: '2026-06-06T08:00:00Z',
		env: {
			SYNC_INTERVAL_MS: '200',
			SYNC_CONCURRENCY: '1',
			SYNC_ALLOW_HTTP: '1',
			SYNC_ALLOW_LOOPBACK: '1',
		},
		seed: (db) => {
			const world = createFestivalWorld(db);
			const other = createMerchant(db, {
				districtId: world.district.id,
				categoryId: world.category.id,
			});
			for (const id of [world.merchant.id, other.id]) {
				merchants.push(id);
				createSyncedRoom(db, world, id, 4242);
				saveRoomSource(
					db,
					id,
					{ kind: 'feed', feedUrl: `${stub.origin}/feed/${id}` },
					createSecretBox(undefined),
					new Date('2026-06-01T00:00:00Z'),
				);
			}
		},
	});
});
afterAll(async () => {
	await server?.stop();
	await stub?.stop();
});

async function waitFor(check: () => boolean, withinMs: number): Promise<boolean> {
	const deadline = Date.now() + withinMs;
	while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
	return check();
}

describe('the server’s background workers on SIGTERM', () => {
	it('finish the merchant in progress, start no other, and the process exits', async () => {
		expect(await waitFor(() => stub.requests.length > 0, 10_000)).toBe(true);
		await server.kill('SIGTERM');
		const results = queryDb<{ merchant_id: number; last_result: string | null }>(
			server.file,
			'select merchant_id, last_result from merchant_room_source order by merchant_id',
		);
		expect([
			stub.requests.map((r) => r.path),
			results,
			server.output().includes('"msg":"stopped"'),
		]).toEqual([
			[`/feed/${merchants[0]}`],
			[
				{ merchant_id: merchants[0], last_result: 'ok' },
				{ merchant_id: merchants[1], last_result: null },
			],
			true,
		]);
	}, 30_000);
});

describe('the search outbox worker on SIGTERM', () => {
	it('with a push to Meilisearch hanging, starts no other and the process exits, the rows kept', async () => {
		const silent = await startSilentServer();
		const meili = await startServer({
			now: FAULT_NOW,
			seed: (db) => void seedFaultWorld(db),
			env: { MEILISEARCH_URL: silent.origin, SEARCH_OUTBOX_POLL_MS: '100' },
		});
		try {
			expect(await waitFor(() => silent.requestLines().length > 0, 10_000)).toBe(true);
			await meili.kill('SIGTERM');
			const pushes = silent.requestLines().length;
			await new Promise((r) => setTimeout(r, 300));
			const rows = queryDb<{ n: number }>(meili.file, 'select count(*) n from search_outbox');
			expect([
				meili.output().includes('"msg":"stopped"'),
				silent.requestLines().length,
				rows[0]!.n > 0,
			]).toEqual([true, pushes, true]);
		} finally {
			await meili.stop();
			await silent.stop();
		}
	}, 30_000);
});
