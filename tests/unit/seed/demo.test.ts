import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ensureDemoFestival,
	isDatabaseEmpty,
	resetDatabase,
	seedDemoFestival,
	type SeedSummary,
} from '../../../db/seed';
import { openDatabase, type Db } from '../../../src/lib/server/db';
import { isValidAppId, isValidMiniProgramPath } from '../../../src/lib/shared/app-id';
import { isValidCreditCode } from '../../../src/lib/shared/credit-code';
import { describeWatchability } from '../../../src/lib/server/deeplink/watchability';
import {
	COVER_VARIANTS,
	findSeedPicture,
	PRODUCT_VARIANTS,
} from '../../../src/lib/server/media/seed-pictures';
import { checkRoomWindow, getFestivalBounds } from '../../../src/lib/shared/room-window';

const TABLES = [
	'festival',
	'district',
	'category',
	'merchant',
	'room',
	'room_product',
	'showcase_host',
];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let dir: string;
const opened: Db[] = [];

function freshDb(name: string): Db {
	const db = openDatabase(path.join(dir, `${name}.db`));
	opened.push(db);
	return db;
}

function dump(db: Db): Record<string, unknown[]> {
	return Object.fromEntries(
		TABLES.map((t) => [t, db.$client.prepare(`select * from ${t} order by id`).all()]),
	);
}

function all<T>(db: Db, query: string, ...params: unknown[]): T[] {
	return db.$client.prepare(query).all(...params) as T[];
}

/** Shanghai wall clock → UTC ms, written out here rather than borrowed from the seed. */
function shanghai(date: string, time: string): number {
	return Date.parse(`${date}T${time}:00+08:00`);
}

/** WeChat's measure: a Han (any non-ASCII) character is two bytes. */
function titleBytes(title: string): number {
	return [...title].reduce((n, ch) => n + (ch.charCodeAt(0) < 128 ? 1 : 2), 0);
}

interface RoomRow {
	id: number;
	merchant_id: number | null;
	kind: string;
	title: string;
	start_at: number;
	end_at: number;
	review_status: string;
	review_note: string | null;
	district_id: number;
	category_id: number;
	replay_url: string | null;
	replay_expires_at: number | null;
	created_at: number;
	updated_at: number;
}

interface MerchantRow {
	legal_name: string;
	credit_code: string;
	app_id: string;
	room_page_path: string;
	url_link: string | null;
	contact_name: string;
	contact_mobile: string;
}

let db: Db;
let summary: SeedSummary;

beforeAll(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-seed-'));
	db = freshDb('default');
	summary = seedDemoFestival(db);
});

afterAll(() => {
	for (const handle of opened) handle.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('seedDemoFestival', () => {
	it('seedDemoFestival on an empty database reports and inserts the demo counts', () => {
		const counts = Object.fromEntries(
			TABLES.map((t) => [
				t,
				(db.$client.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n,
			]),
		);
		const merchantRooms = all<{ n: number }>(
			db,
			"select count(*) as n from room where kind = 'merchant'",
		)[0]!.n;
		expect(counts).toEqual({
			festival: 1,
			district: summary.districts,
			category: summary.categories,
			merchant: summary.merchants,
			room: summary.merchantRooms + summary.showcaseRooms,
			room_product: summary.roomProducts,
			showcase_host: summary.showcaseHosts,
		});
		expect(merchantRooms).toBe(summary.merchantRooms);
		expect(summary.districts).toBe(11);
		expect(summary.categories).toBeGreaterThanOrEqual(12);
		expect(summary.merchants).toBeGreaterThanOrEqual(300);
		expect(summary.merchantRooms).toBeGreaterThanOrEqual(2000);
		expect(summary.showcaseRooms).toBeGreaterThanOrEqual(20);
	});

	it('seedDemoFestival without options creates the published current festival of 6–8 June 2026', () => {
		const [row] = all<Record<string, unknown>>(db, 'select * from festival');
		expect(row).toEqual({
			id: summary.festivalId,
			slug: 'gz-live-2026',
			name_zh: '2026广州直播带货节',
			name_en: 'Guangzhou Live Commerce Festival 2026',
			city: 'guangzhou',
			timezone: 'Asia/Shanghai',
			start_date: '2026-06-06',
			end_date: '2026-06-08',
			submission_opens_at: shanghai('2026-05-07', '00:00'),
			submission_closes_at: shanghai('2026-06-09', '00:00'),
			published: 1,
			is_current: 1,
			created_at: row!.created_at,
		});
		expect(row!.created_at as number).toBeLessThan(shanghai('2026-05-07', '00:00'));
	});

	it('seedDemoFestival twice into separate files gives identical rows', () => {
		const other = freshDb('again');
		seedDemoFestival(other);
		expect(JSON.stringify(dump(other))).toBe(JSON.stringify(dump(db)));
	});

	it('seedDemoFestival under another process time zone gives identical rows', () => {
		const saved = process.env.TZ;
		process.env.TZ = 'America/Los_Angeles';
		try {
			const other = freshDb('los-angeles');
			seedDemoFestival(other);
			expect(JSON.stringify(dump(other))).toBe(JSON.stringify(dump(db)));
		} finally {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		}
	});

	it('seedDemoFestival after resetDatabase gives the rows of a fresh database', () => {
		const other = freshDb('reset');
		seedDemoFestival(other, { today: '2026-01-15' });
		resetDatabase(other);
		expect(isDatabaseEmpty(other)).toBe(true);
		seedDemoFestival(other);
		expect(JSON.stringify(dump(other))).toBe(JSON.stringify(dump(db)));
	});

	it('seedDemoFestival with an impossible today throws and inserts nothing', () => {
		const other = freshDb('bad-today');
		expect(() => seedDemoFestival(other, { today: '2026-02-30' })).toThrow(RangeError);
		expect(isDatabaseEmpty(other)).toBe(true);
	});

	it('seedDemoFestival gives every merchant a valid credit code, AppID, page path and mobile', () => {
		const merchants = all<MerchantRow>(db, 'select * from merchant');
		const bad = merchants.filter(
			(m) =>
				!isValidCreditCode(m.credit_code) ||
				!isValidAppId(m.app_id) ||
				!isValidMiniProgramPath(m.room_page_path) ||
				!/^1[3-9]\d{9}$/.test(m.contact_mobile) ||
				!(m.url_link === null || /^https:\/\/wxaurl\.cn\/[A-Za-z0-9]+$/.test(m.url_link)) ||
				!m.legal_name.startsWith('广州') ||
				m.contact_name.length < 2,
		);
		expect(bad).toEqual([]);
		expect(new Set(merchants.map((m) => m.app_id)).size).toBe(merchants.length);
		expect(new Set(merchants.map((m) => m.legal_name)).size).toBe(merchants.length);
		expect(merchants.filter((m) => m.url_link !== null).length).toBeGreaterThan(0);
	});

	it('seedDemoFestival approves most merchants and leaves a handful in each other status', () => {
		const byStatus = Object.fromEntries(
			all<{ status: string; n: number }>(
				db,
				'select status, count(*) as n from merchant group by status',
			).map((r) => [r.status, r.n]),
		);
		expect(byStatus.approved).toBeGreaterThanOrEqual(summary.merchants * 0.9);
		for (const status of ['pending', 'rejected', 'suspended']) {
			expect(byStatus[status]).toBeGreaterThanOrEqual(2);
			expect(byStatus[status]).toBeLessThanOrEqual(15);
		}
	});

	it('seedDemoFestival gives every approved room a WeChat-length title and a 30 min–24 h slot', () => {
		const rooms = all<RoomRow>(db, "select * from room where review_status = 'approved'");
		const bad = rooms.filter((r) => {
			const bytes = titleBytes(r.title);
			const length = r.end_at - r.start_at;
			return bytes < 6 || bytes > 34 || length < 30 * MINUTE || length > 24 * HOUR;
		});
		expect(bad).toEqual([]);
	});

	it('seedDemoFestival starts every room between 08:00 and 23:30 festival time on a festival day', () => {
		const rooms = all<RoomRow>(db, 'select * from room');
		const days = ['2026-06-06', '2026-06-07', '2026-06-08'];
		const outside = rooms.filter(
			(r) =>
				!days.some((d) => r.start_at >= shanghai(d, '08:00') && r.start_at <= shanghai(d, '23:30')),
		);
		expect(outside).toEqual([]);
		const evening = rooms.filter((r) => {
			const hour = new Date(r.start_at + 8 * HOUR).getUTCHours();
			return hour >= 19 && hour < 22;
		}).length;
		const morning = rooms.filter((r) => {
			const hour = new Date(r.start_at + 8 * HOUR).getUTCHours();
			return hour >= 8 && hour < 11;
		}).length;
		expect(evening).toBeGreaterThan(morning);
	});

	it('seedDemoFestival includes long rooms and overlapping rooms of one merchant', () => {
		const long = all<{ n: number }>(
			db,
			'select count(*) as n from room where end_at - start_at >= ?',
			6 * HOUR,
		);
		const overlapping = all<{ n: number }>(
			db,
			`select count(*) as n from room a join room b
			 on a.merchant_id = b.merchant_id and a.id < b.id and a.start_at < b.end_at and b.start_at < a.end_at`,
		);
		expect(long[0]!.n).toBeGreaterThan(0);
		expect(overlapping[0]!.n).toBeGreaterThan(0);
	});

	it('seedDemoFestival gives merchant rooms their merchant district and category', () => {
		const mismatched = all<RoomRow>(
			db,
			`select room.* from room join merchant on merchant.id = room.merchant_id
			 where room.kind = 'merchant'
			   and (room.district_id <> merchant.district_id or room.category_id <> merchant.category_id)`,
		);
		expect(mismatched).toEqual([]);
	});

	it('seedDemoFestival uses every review status and explains each rejection', () => {
		const statuses = all<{ review_status: string }>(
			db,
			'select distinct review_status from room order by 1',
		);
		const unexplained = all<RoomRow>(
			db,
			"select * from room where review_status = 'rejected' and (review_note is null or review_note = '')",
		);
		expect(statuses.map((s) => s.review_status)).toEqual([
			'approved',
			'cancelled',
			'draft',
			'rejected',
			'submitted',
		]);
		expect(unexplained).toEqual([]);
	});

	it('seedDemoFestival gives every room 1–6 products priced as the plugin prices them', () => {
		const perRoom = all<{ n: number }>(
			db,
			'select count(room_product.id) as n from room left join room_product on room_product.room_id = room.id group by room.id',
		);
		const badPrices = all<Record<string, unknown>>(
			db,
			`select * from room_product where price <= 0
			 or (price_type = 'fixed' and price2 is not null)
			 or (price_type = 'range' and (price2 is null or price2 <= price))
			 or (price_type = 'discount' and (price2 is null or price2 >= price))`,
		);
		expect(perRoom.filter((r) => r.n < 1 || r.n > 6)).toEqual([]);
		expect(badPrices).toEqual([]);
	});

	it('seedDemoFestival gives every showcase room one to three hosts', () => {
		const showcases = all<{ id: number; hosts: number }>(
			db,
			`select room.id, count(showcase_host.id) as hosts from room
			 left join showcase_host on showcase_host.room_id = room.id
			 where room.kind = 'showcase' group by room.id`,
		);
		expect(showcases.length).toBe(summary.showcaseRooms);
		expect(showcases.filter((s) => s.hosts < 1 || s.hosts > 3)).toEqual([]);
	});

	it('seedDemoFestival gives replays only to approved rooms that ended before the middle day noon', () => {
		const replays = all<RoomRow>(db, 'select * from room where replay_url is not null');
		const bad = replays.filter(
			(r) =>
				r.review_status !== 'approved' ||
				r.end_at > shanghai('2026-06-07', '12:00') ||
				r.replay_expires_at === null ||
				r.replay_expires_at <= r.end_at,
		);
		expect(replays.length).toBeGreaterThan(0);
		expect(bad).toEqual([]);
	});

	it('seedDemoFestival makes nearly every public room watchable, as /go would open it, a few not', () => {
		const rows = all<{
			watchable: number;
			kind: string;
			wx_room_id: number | null;
			app_id: string | null;
			room_page_path: string | null;
			url_link: string | null;
		}>(
			db,
			`select room.watchable, room.kind, room.wx_room_id, merchant.app_id,
			 merchant.room_page_path, merchant.url_link from room
			 left join merchant on merchant.id = room.merchant_id where room.is_public = 1`,
		);
		const disagree = rows.filter((r) => {
			const target =
				r.app_id === null || r.room_page_path === null
					? null
					: { appId: r.app_id, roomPagePath: r.room_page_path, urlLink: r.url_link };
			return describeWatchability(target, r.wx_room_id).watchable !== (r.watchable === 1);
		});
		const unwatchable = rows.filter((r) => r.watchable === 0);
		expect({
			disagree,
			fewUnwatchable: unwatchable.length >= 3 && unwatchable.length <= 20,
			showcasesUnwatchable: unwatchable.filter((r) => r.kind === 'showcase').length,
		}).toEqual({ disagree: [], fewUnwatchable: true, showcasesUnwatchable: 2 });
	});

	it('seedDemoFestival gives rooms and products generated pictures from a bounded set', () => {
		const rooms = all<{ cover_key: string | null; n: number }>(
			db,
			'select cover_key, count(*) as n from room group by cover_key',
		);
		const products = all<{ image_key: string | null }>(
			db,
			'select distinct image_key from room_product',
		);
		const total = rooms.reduce((sum, r) => sum + r.n, 0);
		const without = rooms.find((r) => r.cover_key === null)?.n ?? 0;
		const keys = [...rooms.map((r) => r.cover_key), ...products.map((p) => p.image_key)].filter(
			(k): k is string => k !== null,
		);
		expect({
			withoutCover: Math.round((without / total) * 20),
			distinctCovers: rooms.length - 1 <= 15 * COVER_VARIANTS,
			distinctProducts: products.length <= 15 * PRODUCT_VARIANTS && products.length > 15,
			allGenerated: keys.every((k) => findSeedPicture(k) !== undefined),
		}).toEqual({
			withoutCover: 1,
			distinctCovers: true,
			distinctProducts: true,
			allGenerated: true,
		});
	});

	it('seedDemoFestival has late-night sessions past the last midnight, and the room form accepts them', () => {
		const festival = { startDate: '2026-06-06', endDate: '2026-06-08', timezone: 'Asia/Shanghai' };
		const bounds = getFestivalBounds(festival);
		const late = all<RoomRow>(
			db,
			'select * from room where end_at > ? and start_at < ?',
			bounds.end.getTime(),
			bounds.end.getTime(),
		);
		const refused = late.filter(
			(r) =>
				checkRoomWindow({
					start: new Date(r.start_at),
					end: new Date(r.end_at),
					festival: bounds,
					now: new Date(shanghai('2026-06-01', '00:00')),
					checkLead: true,
				}).length > 0,
		);
		expect([late.length > 10, refused]).toEqual([true, []]);
	});

	it('seedDemoFestival derives timestamps from the festival dates, not the clock', () => {
		const rooms = all<RoomRow>(db, 'select * from room');
		const bad = rooms.filter(
			(r) =>
				r.created_at < shanghai('2026-05-07', '00:00') ||
				r.created_at > shanghai('2026-06-05', '00:00') ||
				r.updated_at < r.created_at ||
				r.updated_at > shanghai('2026-06-06', '00:00'),
		);
		expect(bad).toEqual([]);
	});
});

describe('seedDemoFestival with today', () => {
	let moved: Db;

	beforeAll(() => {
		moved = freshDb('today');
		seedDemoFestival(moved, { today: '2026-03-01' });
	});

	it('seedDemoFestival with today makes it the middle day, across a month end', () => {
		const [row] = all<{ start_date: string; end_date: string }>(
			moved,
			'select start_date, end_date from festival',
		);
		expect(row).toEqual({ start_date: '2026-02-28', end_date: '2026-03-02' });
	});

	it('seedDemoFestival with today leaves rooms live at noon and in the evening, and some ended', () => {
		const at = (instant: number): number =>
			all<{ n: number }>(
				moved,
				"select count(*) as n from room where review_status = 'approved' and start_at <= ? and end_at > ?",
				instant,
				instant,
			)[0]!.n;
		const ended = all<{ n: number }>(
			moved,
			"select count(*) as n from room where review_status = 'approved' and end_at <= ?",
			shanghai('2026-03-01', '12:00'),
		)[0]!.n;
		expect(at(shanghai('2026-03-01', '12:00'))).toBeGreaterThan(10);
		expect(at(shanghai('2026-03-01', '20:00'))).toBeGreaterThan(
			at(shanghai('2026-03-01', '12:00')),
		);
		expect(ended).toBeGreaterThan(100);
	});

	it('seedDemoFestival with today shifts every instant by whole days and nothing else', () => {
		const shift = shanghai('2026-02-28', '00:00') - shanghai('2026-06-06', '00:00');
		const original = all<{ start_at: number; end_at: number; title: string }>(
			db,
			'select start_at, end_at, title from room order by id',
		);
		const shifted = all<{ start_at: number; end_at: number; title: string }>(
			moved,
			'select start_at, end_at, title from room order by id',
		);
		expect(shifted).toEqual(
			original.map((r) => ({
				start_at: r.start_at + shift,
				end_at: r.end_at + shift,
				title: r.title,
			})),
		);
	});
});

describe('ensureDemoFestival', () => {
	it('ensureDemoFestival on an empty database seeds around now’s date in Shanghai', () => {
		const empty = freshDb('ensure-empty');
		// 18:30 UTC on 10 March is already 02:30 on 11 March in Shanghai.
		const result = ensureDemoFestival(empty, { now: new Date('2026-03-10T18:30:00Z') });
		const [row] = all<{ start_date: string; end_date: string }>(
			empty,
			'select start_date, end_date from festival',
		);
		expect(result?.startDate).toBe('2026-03-10');
		expect(row).toEqual({ start_date: '2026-03-10', end_date: '2026-03-12' });
	});

	it('ensureDemoFestival on a seeded database returns null and changes nothing', () => {
		const before = JSON.stringify(dump(db));
		const result = ensureDemoFestival(db, { now: new Date('2030-01-01T00:00:00Z') });
		expect(result).toBeNull();
		expect(JSON.stringify(dump(db))).toBe(before);
	});
});

describe('isDatabaseEmpty', () => {
	it('isDatabaseEmpty of a migrated database without a festival is true', () => {
		expect(isDatabaseEmpty(freshDb('empty'))).toBe(true);
	});

	it('isDatabaseEmpty of a seeded database is false', () => {
		expect(isDatabaseEmpty(db)).toBe(false);
	});
});
