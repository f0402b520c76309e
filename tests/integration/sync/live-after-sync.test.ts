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
 * on a loopback stub: a room scheduled for later shows "live" once the feed says 101.
 */
let stub: WechatStub;
let server: RunningServer;
let roomId = 0;
beforeAll(async () => {
	stub = await startWechatStub();
	stub.handle = () => ({ json: liveInfo([liveRoom(4242, { live_status: 101 })]) });
	server = await startServer({
		now: '2026-06-06T08:00:00Z',
		env: { SYNC_INTERVAL_MS: '200', SYNC_ALLOW_HTTP: '1', SYNC_ALLOW_LOOPBACK: '1' },
		seed: (db) => {
			const world = createFestivalWorld(db);
			roomId = createSyncedRoom(db, world, world.merchant.id, 4242).id;
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

async function badge(): Promise<string | undefined> {
	const html = await (await server.get(`/en/rooms/${roomId}`)).text();
	return /<span class="badge (\w+)"/.exec(html)?.[1];
}

describe('the public room page after a sync', () => {
	it('says live once the merchant feed reports the room live (101), before its scheduled start', async () => {
		const deadline = Date.now() + 10_000;
		let seen = await badge();
		while (seen !== 'live' && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 150));
			seen = await badge();
		}
		expect([seen, stub.requests.length > 0]).toEqual(['live', true]);
		const html = await (await server.get(`/en/rooms/${roomId}`)).text();
		expect(html).toMatch(/Live status from WeChat, checked \d{1,2} \w{3} \d{2}:\d{2}/);
	});
});
