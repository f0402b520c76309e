import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../src/lib/server/crypto/secret-box';
import { saveRoomSource } from '../../../src/lib/server/sync/source-settings';
import { createFestivalWorld } from '../../support/factories';
import { startServer, type RunningServer } from '../../support/server';
import {
	liveInfo,
	liveRoom,
	startWechatStub,
	type WechatStub,
} from '../../support/sync-wechat-stub';
import { createSyncedRoom } from '../../support/sync-world';

/**
 * The built server with its in-server sync worker on a short interval, against a merchant's feed
 * on a loopback stub, at 11:00 UTC: a room on air by its schedule (10:00–12:00) that the feed
 * reports ended (103) shows "ended"; a room scheduled for 14:00 that the feed reports live (101)
 * stays "upcoming" — a status refines the schedule only inside the scheduled window.
 */
let stub: WechatStub;
let server: RunningServer;
let roomId = 0;
let laterId = 0;
beforeAll(async () => {
	stub = await startWechatStub();
	const later = { start_time: Date.parse('2026-06-06T14:00:00Z') / 1000 };
	stub.handle = () => ({
		json: liveInfo([
			liveRoom(4242, { live_status: 103 }),
			liveRoom(4343, {
				...later,
				end_time: Date.parse('2026-06-06T16:00:00Z') / 1000,
				live_status: 101,
			}),
		]),
	});
	server = await startServer({
		now: '2026-06-06T11:00:00Z',
		env: { SYNC_INTERVAL_MS: '200', SYNC_ALLOW_HTTP: '1', SYNC_ALLOW_LOOPBACK: '1' },
		seed: (db) => {
			const world = createFestivalWorld(db);
			roomId = createSyncedRoom(db, world, world.merchant.id, 4242).id;
			laterId = createSyncedRoom(db, world, world.merchant.id, 4343, 'approved', {
				startAt: new Date('2026-06-06T14:00:00Z'),
				endAt: new Date('2026-06-06T16:00:00Z'),
			}).id;
			saveRoomSource(
				db,
				world.merchant.id,
				{ kind: 'feed', feedUrl: `${stub.origin}/feed` },
				createSecretBox(undefined),
				new Date('2026-06-01T00:00:00Z'),
			);
		},
	});
});
afterAll(async () => {
	await server?.stop();
	await stub?.stop();
});

async function badge(id = roomId): Promise<string | undefined> {
	const html = await (await server.get(`/en/rooms/${id}`)).text();
	return /<span class="badge (\w+)"/.exec(html)?.[1];
}

describe('the public room page after a sync', () => {
	it('says ended once the feed reports a room on air ended (103); a 101 before the start changes nothing', async () => {
		const before = await badge();
		const deadline = Date.now() + 10_000;
		let seen = before;
		while (seen !== 'ended' && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 150));
			seen = await badge();
		}
		expect([before, seen, await badge(laterId), stub.requests.length > 0]).toEqual([
			'live',
			'ended',
			'upcoming',
			true,
		]);
		const html = await (await server.get(`/en/rooms/${roomId}`)).text();
		expect(html).toMatch(/Live status from WeChat, checked \d{1,2} \w{3} \d{2}:\d{2}/);
	});
});
