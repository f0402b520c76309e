import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../../src/lib/server/audit/record';
import type { Db } from '../../../src/lib/server/db';
import {
	createDistrict,
	createFestivalWorld,
	createHost,
	createMerchant,
	createProduct,
	createRoom,
} from '../../support/factories';
import { getQueryCount, startServer, type RunningServer } from '../../support/server';
import { CONSOLE_NOW, createSignedInUser } from '../../support/staff-factories';
import { clientWith } from './session-client';

/**
 * The console's list pages run a fixed number of statements whatever the number of rows: each is
 * measured with 1 and with 3 rows (two districts, two days, two people, two festivals' worth of
 * showcases).
 */
const now = new Date(CONSOLE_NOW);
const shanghai = (local: string) => new Date(`${local}+08:00`);
const servers: RunningServer[] = [];
const tokens: string[] = [];
const ids: Record<string, number> = {};

function seed(db: Db, showcases: number): void {
	const w = createFestivalWorld(db);
	const other = createDistrict(db);
	const base = { festivalId: w.festival.id, categoryId: w.category.id };
	for (const [district, n, day] of [
		[w.district.id, 1, '2026-06-06'],
		[other.id, 3, '2026-06-07'],
	] as const) {
		const m = createMerchant(db, { districtId: district, categoryId: w.category.id });
		for (let i = 0; i < n; i += 1) {
			const submitted = createRoom(db, {
				...base,
				districtId: district,
				merchantId: m.id,
				reviewStatus: 'submitted',
				// Sessions still to come: the queue lists them (the ended ones are apart).
				startAt: shanghai(`2026-06-08T1${i}:00`),
			});
			createProduct(db, { roomId: submitted.id });
			createRoom(db, {
				...base,
				districtId: district,
				merchantId: m.id,
				featuredRank: i + 1,
				startAt: shanghai(`${day}T1${i}:30`),
			});
		}
	}
	for (let i = 0; i < showcases; i += 1) {
		const s = createRoom(db, {
			...base,
			districtId: w.district.id,
			kind: 'showcase',
			startAt: shanghai(`2026-06-08T1${i}:00`),
		});
		createHost(db, { roomId: s.id });
		createHost(db, { roomId: s.id });
	}
	const staff = createSignedInUser(db, 'staff', now);
	const first = createSignedInUser(db, 'staff', now);
	const second = createSignedInUser(db, 'staff', now);
	for (const [person, n] of [
		[first.account, 1],
		[second.account, 3],
	] as const) {
		for (let i = 0; i < n; i += 1) {
			recordAuditEvent(db, {
				actor: { userId: person.id, name: person.email },
				action: 'room.approve',
				entityType: 'room',
				entityId: i + 1,
				at: now,
			});
		}
	}
	ids.district1 = w.district.id;
	ids.district3 = other.id;
	ids.person1 = first.account.id;
	ids.person3 = second.account.id;
	tokens.push(staff.token);
}

beforeAll(async () => {
	for (const showcases of [1, 3]) {
		servers.push(await startServer({ seed: (db) => seed(db, showcases), now: CONSOLE_NOW }));
	}
});
afterAll(async () => {
	for (const s of servers) await s.stop();
});

async function count(server: number, path: string): Promise<number> {
	const response = await clientWith(servers[server]!, tokens[server]!).get(path);
	await response.arrayBuffer();
	expect(response.status).toBe(200);
	return getQueryCount(response);
}

describe('console list pages', () => {
	it('the review queue, the featured list, the audit log and the showcase list: same count for 1 and 3 rows', async () => {
		const counts = {
			queue: [
				await count(0, `/staff/review?district=${ids.district1}`),
				await count(0, `/staff/review?district=${ids.district3}`),
			],
			featured: [
				await count(0, '/staff/featured?day=2026-06-06'),
				await count(0, '/staff/featured?day=2026-06-07'),
			],
			audit: [
				await count(0, `/staff/audit?person=${ids.person1}`),
				await count(0, `/staff/audit?person=${ids.person3}`),
			],
			showcase: [await count(0, '/staff/showcase'), await count(1, '/staff/showcase')],
			dashboard: [await count(0, '/staff'), await count(1, '/staff')],
		};
		// Each page: the session look-up and the current festival, then its own fixed statements —
		// queue: 2 counts, districts, categories, the total, the page's ids, its merchants' longest
		// room, the page of rooms, the ended ones waiting apart; featured: the day's
		// list, districts, categories, candidates, the day's rooms and its featured ones (the
		// total); audit: entity types, events, total, people; showcases: rooms, hosts; dashboard:
		// 12 indexed aggregates (slot tally; place tally, districts, categories; statuses in three;
		// merchants; two backlogs; registrations; opens).
		expect(counts).toEqual({
			queue: [11, 11],
			featured: [8, 8],
			audit: [6, 6],
			showcase: [4, 4],
			dashboard: [14, 14],
		});
	});
});
