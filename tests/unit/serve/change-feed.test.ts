import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	FESTIVAL_SCOPE,
	LISTS_SCOPE,
	merchantRoomsScope,
	merchantScope,
	roomScope,
} from '../../../src/lib/server/cache/change-scope';
import { openDatabase, type Db } from '../../../src/lib/server/db';
import { openChangeFeed, type ChangeFeed } from '../../../src/serve/change-feed';
import {
	createFestivalWorld,
	createHost,
	createMerchant,
	createProduct,
	createRoom,
} from '../../support/factories';
import { createTempDb } from '../../support/temp-db';

/**
 * The change versions kept by triggers (db/migrations/0010_change_versions.sql) as the serving
 * layer's feed reads them, on its own connection, from writes made on another.
 */
let temp: ReturnType<typeof createTempDb>;
let db: Db;
let feed: ChangeFeed;
let world: ReturnType<typeof createFestivalWorld>;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
	world = createFestivalWorld(db);
	feed = openChangeFeed(temp.file);
});
afterEach(() => {
	feed.close();
	temp.cleanup();
});

/** The scopes the feed reads after `write`, sorted. */
function changedBy(write: () => void): string[] {
	feed.read();
	write();
	return feed
		.read()
		.map((c) => c.scope)
		.sort();
}

const publicRoom = (over: Partial<Parameters<typeof createRoom>[1]> = {}) =>
	createRoom(db, {
		festivalId: world.festival.id,
		merchantId: world.merchant.id,
		districtId: world.district.id,
		categoryId: world.category.id,
		startAt: new Date('2026-06-07T02:00:00Z'),
		...over,
	});

const sql = (statement: string, ...params: unknown[]) =>
	db.$client.prepare(statement).run(...params);

describe('the change versions of public rooms', () => {
	it('an edit to a public room changes its page, its merchant’s list of rooms and the lists only', () => {
		const r = publicRoom();
		expect(changedBy(() => sql('update room set title = ? where id = ?', '新标题', r.id))).toEqual([
			LISTS_SCOPE,
			merchantRoomsScope(world.merchant.id),
			roomScope(r.id),
		]);
	});

	it('a room becoming public or ceasing to be changes the same scopes', () => {
		const r = publicRoom({ reviewStatus: 'submitted' });
		const approve = () => sql("update room set review_status = 'approved' where id = ?", r.id);
		const withdraw = () => sql("update room set review_status = 'cancelled' where id = ?", r.id);
		const expected = [LISTS_SCOPE, merchantRoomsScope(world.merchant.id), roomScope(r.id)];
		expect([changedBy(approve), changedBy(withdraw)]).toEqual([expected, expected]);
	});

	it('a draft’s edit, or a write no public page shows (a sync’s sighting), changes nothing', () => {
		const draft = publicRoom({ reviewStatus: 'draft' });
		const shown = publicRoom();
		expect([
			changedBy(() => sql('update room set title = ? where id = ?', '草稿', draft.id)),
			changedBy(() => sql('update room set wx_reported_at = 1, wx_missing_since = 2')),
			changedBy(() => sql('update room set title = title where id = ?', shown.id)),
		]).toEqual([[], [], []]);
	});

	it('products change the room’s page and the lists; hosts also its merchant’s list', () => {
		const r = publicRoom({ kind: 'showcase' });
		expect([
			changedBy(() => createProduct(db, { roomId: r.id })),
			changedBy(() => createHost(db, { roomId: r.id })),
			changedBy(() => sql('delete from room_product where room_id = ?', r.id)),
		]).toEqual([
			[LISTS_SCOPE, roomScope(r.id)],
			[LISTS_SCOPE, merchantRoomsScope(world.merchant.id), roomScope(r.id)],
			[LISTS_SCOPE, roomScope(r.id)],
		]);
	});
});

describe('the change versions of merchants and the festival', () => {
	it('an approved merchant’s edit changes its profile and the lists; a pending one’s nothing', () => {
		const pending = createMerchant(db, {
			districtId: world.district.id,
			categoryId: world.category.id,
			status: 'pending',
		});
		const rename = (id: number) => () =>
			sql('update merchant set name_zh = ? where id = ?', '新', id);
		expect([changedBy(rename(world.merchant.id)), changedBy(rename(pending.id))]).toEqual([
			[LISTS_SCOPE, merchantScope(world.merchant.id)],
			[],
		]);
	});

	it('suspending a merchant changes its profile and the page of each of its public rooms', () => {
		const [a, b] = [publicRoom(), publicRoom()];
		const suspend = () =>
			sql("update merchant set status = 'suspended' where id = ?", world.merchant.id);
		expect(changedBy(suspend)).toEqual(
			[
				LISTS_SCOPE,
				merchantRoomsScope(world.merchant.id),
				merchantScope(world.merchant.id),
				roomScope(a.id),
				roomScope(b.id),
			].sort(),
		);
	});

	it('the festival, its districts and categories change the frame of every page', () => {
		expect([
			changedBy(() => sql('update festival set name_en = ?', 'Lychee Festival')),
			changedBy(() => sql('update district set name_en = ?', 'Tianhe')),
			changedBy(() => sql('update category set sort = 3')),
		]).toEqual([[FESTIVAL_SCOPE], [FESTIVAL_SCOPE], [FESTIVAL_SCOPE]]);
	});
});

describe('the change feed', () => {
	it('reads changes in commit order with rising sequence numbers, once each', () => {
		const r = publicRoom();
		feed.read();
		const before = feed.seq;
		sql('update room set title = ? where id = ?', 'A', r.id);
		sql('update festival set name_en = ?', 'B');
		const changes = feed.read();
		const again = feed.read();
		expect([
			changes.map((c) => c.scope),
			changes.every((c, i) => c.seq > (changes[i - 1]?.seq ?? before)),
			feed.seq === changes.at(-1)!.seq,
			again,
		]).toEqual([
			[LISTS_SCOPE, roomScope(r.id), merchantRoomsScope(world.merchant.id), FESTIVAL_SCOPE],
			true,
			true,
			[],
		]);
	});

	it('sees a commit made on another connection, as of another process', () => {
		const r = publicRoom();
		feed.read();
		const other = openDatabase(temp.file, { migrate: false });
		other.$client.prepare('update room set anchor_name = ? where id = ?').run('小王', r.id);
		other.$client.close();
		expect(feed.read().map((c) => c.scope)).toEqual([
			LISTS_SCOPE,
			roomScope(r.id),
			merchantRoomsScope(world.merchant.id),
		]);
	});

	it('reads a bulk change of more scopes than it reads at once as one change to everything', () => {
		const small = openChangeFeed(temp.file, { maxChangesPerRead: 5 });
		db.$client.transaction(() => {
			for (let i = 0; i < 6; i += 1) publicRoom();
		})();
		const changes = small.read();
		small.close();
		expect([changes.length, changes[0]!.scope, changes[0]!.seq === small.seq]).toEqual([
			1,
			'*',
			true,
		]);
	});
});
