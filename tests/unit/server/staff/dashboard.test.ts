import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deeplinkOpen } from '../../../../db/schema';
import { openDatabase, type Db } from '../../../../src/lib/server/db';
import { getHeatColor, getNiceMax } from '../../../../src/lib/server/staff/chart-scale';
import { loadDashboard } from '../../../../src/lib/server/staff/dashboard';
import { createFestivalWorld, createMerchant, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const shanghai = (local: string) => new Date(`${local}+08:00`);
const NOW = new Date('2026-06-07T04:00:00Z');

let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

describe('the dashboard numbers', () => {
	it('buckets approved rooms by festival-zone day and hour, whatever the server zone', async () => {
		const w = createFestivalWorld(db);
		const base = {
			festivalId: w.festival.id,
			merchantId: w.merchant.id,
			districtId: w.district.id,
			categoryId: w.category.id,
		};
		createRoom(db, { ...base, startAt: shanghai('2026-06-06T00:00') });
		createRoom(db, { ...base, startAt: shanghai('2026-06-07T19:59') });
		createRoom(db, { ...base, startAt: shanghai('2026-06-07T19:00') });
		createRoom(db, { ...base, startAt: shanghai('2026-06-08T23:30') });
		createRoom(db, { ...base, startAt: shanghai('2026-06-07T19:30'), reviewStatus: 'submitted' });
		const d = await loadDashboard(db, w.festival, NOW);
		const cells = d.heat.flatMap((row, day) =>
			row.flatMap((n, hour) => (n > 0 ? [`${d.days[day]} ${hour}:${n}`] : [])),
		);
		expect(cells).toEqual(['2026-06-06 0:1', '2026-06-07 19:2', '2026-06-08 23:1']);
	});

	it('ages the backlog into buckets and sums deep-link opens per channel', async () => {
		const w = createFestivalWorld(db);
		const base = {
			festivalId: w.festival.id,
			districtId: w.district.id,
			categoryId: w.category.id,
		};
		const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
		for (const h of [0.5, 3, 30, 100]) {
			createRoom(db, {
				...base,
				merchantId: w.merchant.id,
				reviewStatus: 'submitted',
				startAt: shanghai('2026-06-08T10:00'),
				updatedAt: hoursAgo(h),
			});
		}
		createMerchant(db, {
			districtId: w.district.id,
			categoryId: w.category.id,
			status: 'pending',
			updatedAt: hoursAgo(7),
		});
		const opened = createRoom(db, {
			...base,
			merchantId: w.merchant.id,
			startAt: shanghai('2026-06-07T10:00'),
		});
		db.insert(deeplinkOpen)
			.values([
				{ roomId: opened.id, channel: 'qr', day: '2026-06-06', count: 4 },
				{ roomId: opened.id, channel: 'qr', day: '2026-06-07', count: 3 },
				{ roomId: opened.id, channel: 'scheme', day: '2026-06-07', count: 10 },
			])
			.run();
		const d = await loadDashboard(db, w.festival, NOW);
		expect([d.backlog, d.oldestWaitingAt, d.opens, d.opensTotal]).toEqual([
			[
				{ maxHours: 1, rooms: 1, merchants: 0 },
				{ maxHours: 6, rooms: 1, merchants: 0 },
				{ maxHours: 24, rooms: 0, merchants: 1 },
				{ maxHours: 72, rooms: 1, merchants: 0 },
				{ maxHours: null, rooms: 1, merchants: 0 },
			],
			hoursAgo(100),
			[
				{ channel: 'scheme', count: 10 },
				{ channel: 'urllink', count: 0 },
				{ channel: 'opentag', count: 0 },
				{ channel: 'qr', count: 7 },
			],
			17,
		]);
	});
});

describe('the dashboard counts at any size', () => {
	it('schedule counts are of public rooms; approved counts every approved room; registrations by zone day', async () => {
		const w = createFestivalWorld(db);
		const pending = createMerchant(db, {
			districtId: w.district.id,
			categoryId: w.category.id,
			status: 'pending',
			createdAt: shanghai('2026-06-06T23:59'),
		});
		createMerchant(db, {
			districtId: w.district.id,
			categoryId: w.category.id,
			createdAt: shanghai('2026-06-07T00:00'),
		});
		const base = {
			festivalId: w.festival.id,
			districtId: w.district.id,
			categoryId: w.category.id,
			startAt: shanghai('2026-06-07T19:00'),
		};
		createRoom(db, { ...base, merchantId: w.merchant.id });
		createRoom(db, { ...base, merchantId: pending.id });
		createRoom(db, { ...base });
		const d = await loadDashboard(db, w.festival, NOW);
		expect({
			heat: d.heat[1]![19],
			district: d.byDistrict.map((x) => x.count),
			category: d.byCategory.map((x) => x.count),
			approved: d.roomsByStatus.approved,
			registrations: d.registrations,
		}).toEqual({
			heat: 2,
			district: [2],
			category: [2],
			approved: 3,
			// Every day on the axis, those without a registration at 0.
			registrations: [
				{ day: '2026-06-01', count: 1 },
				{ day: '2026-06-02', count: 0 },
				{ day: '2026-06-03', count: 0 },
				{ day: '2026-06-04', count: 0 },
				{ day: '2026-06-05', count: 0 },
				{ day: '2026-06-06', count: 1 },
				{ day: '2026-06-07', count: 1 },
			],
		});
	});
});

describe('dashboard reuse', () => {
	it('serves unchanged figures again within 5 s and computes anew after any write, from any connection', async () => {
		const w = createFestivalWorld(db);
		const base = {
			festivalId: w.festival.id,
			merchantId: w.merchant.id,
			districtId: w.district.id,
			categoryId: w.category.id,
			startAt: shanghai('2026-06-07T19:00'),
		};
		createRoom(db, base);
		const first = await loadDashboard(db, w.festival, NOW);
		const later = (ms: number) => new Date(NOW.getTime() + ms);
		const again = await loadDashboard(db, w.festival, later(4_000));
		// A write through this connection.
		createRoom(db, { ...base, reviewStatus: 'submitted' });
		const afterOwnWrite = await loadDashboard(db, w.festival, later(4_500));
		// A write through another connection (a second process, a script).
		const other = openDatabase(temp.file);
		try {
			createRoom(other, { ...base, startAt: shanghai('2026-06-07T20:00') });
		} finally {
			other.$client.close();
		}
		const afterOtherWrite = await loadDashboard(db, w.festival, later(4_800));
		const unchanged = await loadDashboard(db, w.festival, later(5_000));
		const expired = await loadDashboard(db, w.festival, later(10_000));
		expect({
			reused: again === first,
			ownWrite: [afterOwnWrite === first, afterOwnWrite.roomsByStatus.submitted],
			otherWrite: [afterOtherWrite === afterOwnWrite, afterOtherWrite.heat[1]![20]],
			reusedAgain: unchanged === afterOtherWrite,
			expired: expired === afterOtherWrite,
		}).toEqual({
			reused: true,
			ownWrite: [false, 1],
			otherWrite: [false, 1],
			reusedAgain: true,
			expired: false,
		});
	});
});

describe('chart scales', () => {
	it('getNiceMax rounds up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
		expect([0, 1, 3, 7, 19, 24, 301, 950].map(getNiceMax)).toEqual([
			1, 1, 5, 10, 20, 25, 500, 1000,
		]);
	});
	it('getHeatColor is white for nothing and darkest at the maximum', () => {
		expect([getHeatColor(0, 10), getHeatColor(10, 10)]).toEqual(['#ffffff', 'rgb(122 10 25)']);
	});
});
