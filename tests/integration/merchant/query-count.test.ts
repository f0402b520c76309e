import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/lib/server/db';
import {
	createFestivalWorld,
	createMerchant,
	createProduct,
	createRoom,
	createUser,
	TEST_PASSWORD,
} from '../../support/factories';
import { getQueryCount, startServer, type RunningServer } from '../../support/server';
import { FormClient } from './client';

let server: RunningServer;

function seed(db: Db): void {
	const w = createFestivalWorld(db);
	for (const [email, rooms] of [
		['one@example.com', 1],
		['three@example.com', 3],
	] as const) {
		const u = createUser(db, { email });
		const m = createMerchant(db, {
			ownerUserId: u.id,
			districtId: w.district.id,
			categoryId: w.category.id,
		});
		for (let i = 0; i < rooms; i += 1) {
			const r = createRoom(db, {
				festivalId: w.festival.id,
				merchantId: m.id,
				districtId: w.district.id,
				categoryId: w.category.id,
				startAt: new Date(`2026-06-0${6 + i}T03:00:00Z`),
			});
			createProduct(db, { roomId: r.id });
			createProduct(db, { roomId: r.id });
		}
	}
}

beforeAll(async () => {
	server = await startServer({ seed, now: '2026-06-05T04:00:00Z' });
});
afterAll(() => server?.stop());

describe('merchant list pages', () => {
	it('the rooms list and the dashboard run the same number of statements for 1 and 3 rooms', async () => {
		const counts: Record<string, number[]> = { '/merchant/rooms': [], '/merchant': [] };
		for (const email of ['one@example.com', 'three@example.com']) {
			const client = new FormClient(server);
			await client.post('/merchant/login', 'auth.login', { email, password: TEST_PASSWORD });
			for (const path of Object.keys(counts)) {
				const response = await client.get(path);
				expect(response.status).toBe(200);
				counts[path]!.push(getQueryCount(response));
			}
		}
		// Session look-up, festival, business, rooms (one statement, products counted in it).
		expect(counts).toEqual({ '/merchant/rooms': [4, 4], '/merchant': [4, 4] });
	});
});
