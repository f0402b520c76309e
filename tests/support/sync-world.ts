import { randomBytes } from 'node:crypto';
import { createSecretBox } from '../../src/lib/server/crypto/secret-box';
import type { Db } from '../../src/lib/server/db';
import type { SyncDeps } from '../../src/lib/server/sync/merchant-sync';
import { createRoom } from './factories';

/** The sync's dependencies for tests: loopback and http allowed, short timeout, a fresh key. */
export function createSyncDeps(apiBaseUrl: string, over: Partial<SyncDeps> = {}): SyncDeps {
	return {
		now: new Date('2026-06-05T00:00:00Z'),
		policy: { allowHttp: true, allowLoopback: true, timeoutMs: 500, maxBytes: 64 * 1024 },
		apiBaseUrl,
		box: createSecretBox(randomBytes(32)),
		callsPerHour: 60,
		...over,
	};
}

/** A room of `merchant` with WeChat id `wxRoomId`, in `reviewStatus`, at the stub's default times. */
export function createSyncedRoom(
	db: Db,
	world: { festival: { id: number }; district: { id: number }; category: { id: number } },
	merchantId: number,
	wxRoomId: number,
	reviewStatus: 'approved' | 'submitted' | 'rejected' = 'approved',
	times: { startAt?: Date; endAt?: Date } = {},
) {
	return createRoom(db, {
		festivalId: world.festival.id,
		districtId: world.district.id,
		categoryId: world.category.id,
		merchantId,
		wxRoomId,
		reviewStatus,
		title: `测试直播间${wxRoomId}`,
		anchorName: '主播',
		coverUrl: `https://mmbiz.example/cover/${wxRoomId}.jpg`,
		startAt: new Date('2026-06-06T10:00:00Z'),
		endAt: new Date('2026-06-06T12:00:00Z'),
		...times,
	});
}
