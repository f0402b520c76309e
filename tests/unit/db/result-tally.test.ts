/**
 * Unit (real SQLite): the results tallies kept by db/migrations/0041_result_tally.sql and each
 * venue's kept by 0054_venue_results.sql equal a brute-force sum over the rows after every kind of
 * write — reports added, edited and cleared, opens, calendar downloads and stars counted, rooms
 * moved to another slot, district, category or festival, retagged, hidden by a review or a
 * suspended merchant, shown again, and deleted; venues' rules changed, rooms picked for a venue
 * or kept out of it, venues deleted and made again.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { deeplinkOpen, merchant, room } from '../../../db/schema';
import { DEEPLINK_CHANNELS } from '../../../src/lib/shared/status';
import {
	createCategory,
	createDistrict,
	createFestival,
	createMerchant,
	createRoom,
} from '../../support/factories';
import { createTempDb } from '../../support/temp-db';

const temp = createTempDb();
afterAll(() => temp.cleanup());
const { db } = temp;
const sqlite = db.$client;

/** mulberry32, so a failure can be replayed. */
function createRandom(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const festivals = [createFestival(db), createFestival(db, { isCurrent: false })];
const districts = [createDistrict(db), createDistrict(db)];
const categories = [createCategory(db), createCategory(db)];
const merchants = [0, 1].map((i) =>
	createMerchant(db, { districtId: districts[i]!.id, categoryId: categories[0]!.id }),
);
const T = new Date('2026-06-06T02:00:00Z').getTime();
const TAGS = ['助农', '非遗', '夜市'];
const random = createRandom(18);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const rooms: number[] = [];

function addRoom(): void {
	const m = pick(merchants);
	const r = createRoom(db, {
		festivalId: festivals[0]!.id,
		merchantId: m.id,
		districtId: pick(districts).id,
		categoryId: pick(categories).id,
		startAt: new Date(T + Math.floor(random() * 200) * 5 * 60_000),
		tags: random() < 0.5 ? [pick(TAGS)] : [],
	});
	rooms.push(r.id);
}

/** A venue of either festival with a random rule: districts, categories, tags, or any two. */
const insertVenue = sqlite.prepare(`INSERT INTO venue (festival_id, slug, kind, name_zh, name_en,
	rule_districts, rule_categories, rule_tags, created_at, updated_at)
	VALUES (?, ?, 'themed', '会场', 'Venue', ?, ?, ?, 0, 0)`);
let venueCount = 0;
function randomRule(): [string, string, string] {
	const some = <T>(list: readonly T[]) => JSON.stringify(list.filter(() => random() < 0.5));
	return [some(districts.map((d) => d.id)), some(categories.map((c) => c.id)), some(TAGS)];
}
function addVenue(): void {
	venueCount += 1;
	insertVenue.run(
		random() < 0.85 ? festivals[0]!.id : festivals[1]!.id,
		`v${venueCount}`,
		...randomRule(),
	);
}
const venueIds = () => sqlite.prepare('SELECT id FROM venue').pluck().all() as number[];
const setRule = sqlite.prepare(
	'UPDATE venue SET rule_districts = ?, rule_categories = ?, rule_tags = ? WHERE id = ?',
);
const setPick = sqlite.prepare(`INSERT INTO venue_pick (room_id, venue_id, mode, created_at)
	VALUES (?, ?, ?, 0) ON CONFLICT DO UPDATE SET mode = excluded.mode`);

const report =
	sqlite.prepare(`INSERT INTO room_result (room_id, festival_id, viewers, orders, sales_fen)
	SELECT id, festival_id, ?, ?, ? FROM room WHERE id = ?
	ON CONFLICT (room_id) DO UPDATE SET viewers = excluded.viewers, orders = excluded.orders,
		sales_fen = excluded.sales_fen`);
const open =
	sqlite.prepare(`INSERT INTO deeplink_open (room_id, channel, day, count) VALUES (?, ?, ?, 1)
	ON CONFLICT DO UPDATE SET count = count + 1`);
const download =
	sqlite.prepare(`INSERT INTO calendar_download (room_id, day, count) VALUES (?, ?, 1)
	ON CONFLICT DO UPDATE SET count = count + 1`);
const star = sqlite.prepare(`INSERT INTO room_star (room_id, day, count) VALUES (?, ?, 1)
	ON CONFLICT DO UPDATE SET count = count + 1`);
const maybe = (n: number): number | null => (random() < 0.3 ? null : Math.floor(random() * n));

/** One random write of the kinds the portal makes. */
function step(): void {
	const id = pick(rooms);
	const roll = random();
	if (roll < 0.25) report.run(maybe(5000), maybe(300), maybe(9_000_000), id);
	else if (roll < 0.45) open.run(id, pick(DEEPLINK_CHANNELS), pick(['2026-06-06', '2026-06-07']));
	else if (roll < 0.52) download.run(id, '2026-06-06');
	else if (roll < 0.55) star.run(id, pick(['2026-06-06', '2026-06-07']));
	else if (roll < 0.62) {
		const startAt = new Date(T + Math.floor(random() * 200) * 5 * 60_000);
		const endAt = new Date(startAt.getTime() + 3_600_000);
		db.update(room).set({ startAt, endAt }).where(eq(room.id, id)).run();
	} else if (roll < 0.68) {
		db.update(room)
			.set({ districtId: pick(districts).id })
			.where(eq(room.id, id))
			.run();
	} else if (roll < 0.72) {
		db.update(room)
			.set({ festivalId: pick(festivals).id })
			.where(eq(room.id, id))
			.run();
	} else if (roll < 0.8) {
		db.update(room)
			.set({ reviewStatus: pick(['approved', 'approved', 'rejected'] as const) })
			.where(eq(room.id, id))
			.run();
	} else if (roll < 0.85) {
		db.update(merchant)
			.set({ status: pick(['approved', 'approved', 'suspended'] as const) })
			.where(eq(merchant.id, pick(merchants).id))
			.run();
	} else if (roll < 0.88) {
		sqlite
			.prepare(
				'UPDATE room_result SET viewers = NULL, orders = NULL, sales_fen = NULL WHERE room_id = ?',
			)
			.run(id);
	} else if (roll < 0.9) {
		db.delete(deeplinkOpen).where(eq(deeplinkOpen.roomId, id)).run();
	} else if (roll < 0.92) {
		db.delete(room).where(eq(room.id, id)).run();
		rooms.splice(rooms.indexOf(id), 1);
		addRoom();
	} else if (roll < 0.935) {
		db.update(room)
			.set({ categoryId: pick(categories).id, tags: random() < 0.5 ? [pick(TAGS)] : [] })
			.where(eq(room.id, id))
			.run();
	} else if (roll < 0.95) setRule.run(...randomRule(), pick(venueIds()));
	else if (roll < 0.97) setPick.run(id, pick(venueIds()), pick(['include', 'exclude']));
	else if (roll < 0.98) sqlite.prepare('DELETE FROM venue_pick WHERE room_id = ?').run(id);
	else if (roll < 0.985) {
		sqlite.prepare('DELETE FROM venue WHERE id = ?').run(pick(venueIds()));
		addVenue();
	} else addRoom();
}

/** What the tallies hold, and what a sum over every row says they should hold. */
function compare() {
	const kept = sqlite
		.prepare(
			`SELECT festival_id, slot, district_id, category_id, reported_rooms, viewers, orders,
				sales_fen, opens, calendar_downloads, stars FROM result_tally
			WHERE reported_rooms OR viewers OR orders OR sales_fen OR opens OR calendar_downloads OR stars
			ORDER BY 1, 2, 3, 4`,
		)
		.all();
	const summed = sqlite
		.prepare(
			`SELECT r.festival_id, r.start_at / 900000 AS slot, r.district_id, r.category_id,
				sum(x.viewers IS NOT NULL OR x.orders IS NOT NULL OR x.sales_fen IS NOT NULL) AS reported_rooms,
				sum(coalesce(x.viewers, 0)) AS viewers, sum(coalesce(x.orders, 0)) AS orders,
				sum(coalesce(x.sales_fen, 0)) AS sales_fen,
				sum((SELECT coalesce(sum(count), 0) FROM deeplink_open d WHERE d.room_id = r.id)) AS opens,
				sum((SELECT coalesce(sum(count), 0) FROM calendar_download c WHERE c.room_id = r.id)) AS calendar_downloads,
				sum((SELECT coalesce(sum(count), 0) FROM room_star s WHERE s.room_id = r.id)) AS stars
			FROM room r JOIN room_result x ON x.room_id = r.id WHERE r.is_public = 1
			GROUP BY 1, 2, 3, 4
			HAVING reported_rooms OR viewers OR orders OR sales_fen OR opens OR calendar_downloads OR stars
			ORDER BY 1, 2, 3, 4`,
		)
		.all();
	const channels = (sql: string) => sqlite.prepare(sql).all();
	return {
		kept,
		summed,
		keptChannels: channels(
			'SELECT festival_id, channel, opens FROM open_channel_tally WHERE opens != 0 ORDER BY 1, 2',
		),
		summedChannels: channels(`SELECT r.festival_id, d.channel, sum(d.count) AS opens
			FROM deeplink_open d JOIN room r ON r.id = d.room_id WHERE r.is_public = 1
			GROUP BY 1, 2 ORDER BY 1, 2`),
		// A venue that never held a room may have no row: it reads as zeros, like an emptied one.
		keptVenues: channels(`SELECT venue_id, sessions, reported_rooms, viewers, orders, sales_fen,
				opens, calendar_downloads, stars FROM venue_result_tally WHERE sessions != 0
				OR reported_rooms OR viewers OR orders OR sales_fen OR opens OR calendar_downloads OR stars
				ORDER BY 1`),
		summedVenues: channels(`SELECT v.id AS venue_id, count(rv.room_id) AS sessions,
				coalesce(sum(x.viewers IS NOT NULL OR x.orders IS NOT NULL OR x.sales_fen IS NOT NULL), 0) AS reported_rooms,
				coalesce(sum(x.viewers), 0) AS viewers, coalesce(sum(x.orders), 0) AS orders,
				coalesce(sum(x.sales_fen), 0) AS sales_fen,
				coalesce(sum((SELECT sum(count) FROM deeplink_open d WHERE d.room_id = rv.room_id)), 0) AS opens,
				coalesce(sum((SELECT sum(count) FROM calendar_download c WHERE c.room_id = rv.room_id)), 0) AS calendar_downloads,
				coalesce(sum((SELECT sum(count) FROM room_star s WHERE s.room_id = rv.room_id)), 0) AS stars
			FROM venue v LEFT JOIN room_venue rv ON rv.venue_id = v.id
			LEFT JOIN room_result x ON x.room_id = rv.room_id
			GROUP BY v.id HAVING sessions != 0 ORDER BY 1`),
		roomOpens: channels(`SELECT count(*) AS wrong FROM room_result x
			WHERE x.opens != (SELECT coalesce(sum(count), 0) FROM deeplink_open d WHERE d.room_id = x.room_id)
			OR x.calendar_downloads != (SELECT coalesce(sum(count), 0) FROM calendar_download c WHERE c.room_id = x.room_id)
			OR x.stars != (SELECT coalesce(sum(count), 0) FROM room_star s WHERE s.room_id = x.room_id)
			OR x.festival_id != (SELECT festival_id FROM room WHERE id = x.room_id)`),
	};
}

describe('the results tallies', () => {
	it('equal a sum over the rows after 3,000 random writes of every kind', () => {
		for (let i = 0; i < 40; i += 1) addRoom();
		for (let i = 0; i < 5; i += 1) addVenue();
		const checks: boolean[] = [];
		for (let i = 0; i < 3000; i += 1) {
			step();
			if (i % 500 === 499) {
				const c = compare();
				checks.push(
					JSON.stringify(c.kept) === JSON.stringify(c.summed) &&
						JSON.stringify(c.keptChannels) === JSON.stringify(c.summedChannels) &&
						JSON.stringify(c.keptVenues) === JSON.stringify(c.summedVenues),
				);
			}
		}
		const last = compare();
		expect([checks, last.kept, last.keptChannels, last.keptVenues, last.roomOpens]).toEqual([
			[true, true, true, true, true, true],
			last.summed,
			last.summedChannels,
			last.summedVenues,
			[{ wrong: 0 }],
		]);
		expect(last.kept.length).toBeGreaterThan(10);
		// The venues held rooms with figures: the comparison was not of empty rows.
		expect(
			(last.keptVenues as { sessions: number; sales_fen: number; opens: number }[]).filter(
				(v) => v.sessions > 0 && v.sales_fen > 0 && v.opens > 0,
			).length,
		).toBeGreaterThan(2);
	}, 30_000);
});
