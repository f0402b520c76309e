/**
 * Unit (real SQLite): a merchant's report of an ended session (results/room-report.ts) is saved
 * with an audit event and refused for another merchant's room, before the end, after the window
 * and once staff lock; the summary (results/summary.ts) equals a brute-force sum over the rooms;
 * publishing stores it for /results and withdrawing hides it (results/publication.ts); calendar
 * downloads and stars are counted once per visitor and room an hour.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { merchant } from '../../../../db/schema';
import {
	recordCalendarDownload,
	recordStar,
} from '../../../../src/lib/server/results/visitor-counts';
import type { Db } from '../../../../src/lib/server/db';
import { recordDeeplinkOpen } from '../../../../src/lib/server/deeplink/opens';
import type { Festival } from '../../../../src/lib/server/festival/current';
import { findOwnBusiness } from '../../../../src/lib/server/merchant/registration';
import {
	applyResultsAction,
	readPublishedResults,
} from '../../../../src/lib/server/results/publication';
import { saveRoomReport } from '../../../../src/lib/server/results/room-report';
import { readSnapshot } from '../../../../src/lib/server/results/snapshot';
import { loadResultsSummary } from '../../../../src/lib/server/results/summary';
import {
	createCategory,
	createDistrict,
	createFestival,
	createMerchant,
	createRoom,
	createUser,
} from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const NOW = new Date('2026-06-07T04:00:00Z');
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

let temp: ReturnType<typeof createTempDb>;
let db: Db;
let f: Festival;
let w: ReturnType<typeof seed>;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
	w = seed();
});
afterEach(() => temp.cleanup());

function seed() {
	f = createFestival(db, { startDate: '2026-06-06', endDate: '2026-06-08' });
	const d = createDistrict(db, { city: f.city });
	const c = createCategory(db);
	const owner = createUser(db, { email: 'a@example.com' });
	const other = createUser(db, { email: 'b@example.com' });
	const shop = createMerchant(db, { ownerUserId: owner.id, districtId: d.id, categoryId: c.id });
	const rival = createMerchant(db, { ownerUserId: other.id, districtId: d.id, categoryId: c.id });
	const base = { festivalId: f.id, districtId: d.id, categoryId: c.id };
	const ended = createRoom(db, { ...base, merchantId: shop.id, startAt: at('2026-06-06T19:00') });
	const later = createRoom(db, { ...base, merchantId: shop.id, startAt: at('2026-06-07T19:00') });
	const theirs = createRoom(db, { ...base, merchantId: rival.id, startAt: at('2026-06-06T20:00') });
	const user = { id: owner.id, email: owner.email, role: 'merchant' } as never;
	return { owner, user, shop, ended, later, theirs, d, c };
}

const report = (
	roomId: number,
	figures: { viewers?: number | null; orders?: number | null; salesFen?: number | null },
) =>
	saveRoomReport(
		db,
		w.user,
		findOwnBusiness(db, w.owner.id)!,
		f,
		{ roomId, figures: { viewers: null, orders: null, salesFen: null, ...figures } },
		NOW,
	);

describe("a merchant's report", () => {
	it('is saved for an ended session of theirs, with an audit event, and can be edited', () => {
		const first = report(w.ended.id, { viewers: 1200, orders: 30, salesFen: 99_000 });
		const edited = report(w.ended.id, { viewers: 1500 });
		expect([
			first,
			edited,
			db.$client.prepare('SELECT viewers, orders, sales_fen FROM room_result').all(),
			db.$client
				.prepare("SELECT count(*) AS n FROM audit_event WHERE action = 'room.reportResults'")
				.get(),
		]).toEqual([
			{ ok: true, roomId: w.ended.id },
			{ ok: true, roomId: w.ended.id },
			[{ viewers: 1500, orders: null, sales_fen: null }],
			{ n: 2 },
		]);
	});

	it('is refused for another merchant’s room, a session not ended, an empty first report', () => {
		expect([
			report(w.theirs.id, { viewers: 10 }),
			report(w.later.id, { viewers: 10 }),
			report(w.ended.id, {}),
		]).toEqual([
			{ ok: false, kind: 'notFound' },
			{ ok: false, kind: 'forbidden', message: 'results.notEnded' },
			{ ok: false, kind: 'invalid', issues: [{ field: 'viewers', message: 'results.nothing' }] },
		]);
	});

	it('is refused once staff lock the results, and again once reopened it is not', async () => {
		const staff = createUser(db, { role: 'staff', email: 'staff@bureau.gov.cn' });
		await applyResultsAction(db, staff as never, f, 'lock', NOW);
		const locked = report(w.ended.id, { viewers: 10 });
		await applyResultsAction(db, staff as never, f, 'unlock', NOW);
		const reopened = report(w.ended.id, { viewers: 10 });
		expect([locked, reopened]).toEqual([
			{ ok: false, kind: 'forbidden', message: 'results.locked' },
			{ ok: true, roomId: w.ended.id },
		]);
	});
});

describe('the summary and the published page', () => {
	it('sums what merchants reported and the portal measured; publishing keeps it for /results', async () => {
		report(w.ended.id, { viewers: 1200, orders: 30, salesFen: 99_000 });
		recordDeeplinkOpen(db, { roomId: w.later.id, channel: 'qr', at: NOW, timezone: f.timezone });
		recordDeeplinkOpen(db, {
			roomId: w.later.id,
			channel: 'scheme',
			at: NOW,
			timezone: f.timezone,
		});
		const download = { roomId: w.ended.id, address: '203.0.113.9', at: NOW, timezone: f.timezone };
		const counted = [
			recordCalendarDownload(db, download),
			recordCalendarDownload(db, download),
			recordCalendarDownload(db, { ...download, address: '198.51.100.2' }),
			recordStar(db, { ...download, roomId: w.later.id }),
			recordStar(db, { ...download, roomId: w.later.id }),
		];
		// Three venues, ranked by what they achieved rather than their order: an empty one first,
		// one with the session that was opened (picked), the district's with the one that sold.
		const venue = db.$client.prepare(`INSERT INTO venue (festival_id, slug, kind, name_zh,
			name_en, rule_districts, sort, created_at, updated_at) VALUES (?, ?, 'themed', ?, ?, ?, ?, 0, 0)`);
		venue.run(f.id, 'empty', '空会场', 'Empty', '[]', 1);
		const picked = venue.run(f.id, 'picked', '精选', 'Picked', '[]', 2).lastInsertRowid;
		db.$client
			.prepare(
				`INSERT INTO venue_pick (room_id, venue_id, mode, created_at) VALUES (?, ?, 'include', 0)`,
			)
			.run(w.later.id, picked);
		venue.run(f.id, 'district', '区会场', 'District', JSON.stringify([w.d.id]), 3);
		// A suspended merchant's rooms leave the public and their figures the results.
		db.update(merchant)
			.set({ status: 'suspended' })
			.where(eq(merchant.id, w.theirs.merchantId!))
			.run();
		const summary = await loadResultsSummary(db, f, NOW);
		const staff = createUser(db, { role: 'staff', email: 'staff@bureau.gov.cn' });
		const before = readPublishedResults(db, f);
		await applyResultsAction(db, staff as never, f, 'publish', NOW);
		const published = readPublishedResults(db, f);
		await applyResultsAction(db, staff as never, f, 'withdraw', NOW);
		expect([
			counted,
			summary.totals,
			summary.byDay.map((d) => [d.key, d.sessions, d.salesFen, d.opens]),
			summary.opensByChannel.filter((o) => o.opens > 0),
			summary.byVenue.map((v) => [v.key, v.label.en, v.sessions, v.salesFen, v.opens, v.stars]),
			summary.top.sales.map((r) => [r.roomId, r.salesFen]),
			summary.top.opens.map((r) => [r.roomId, r.opens]),
			before,
			published?.snapshot,
			readPublishedResults(db, f),
		]).toEqual([
			[true, false, true, true, false],
			{
				sessions: 2,
				reportedRooms: 1,
				viewers: 1200,
				orders: 30,
				salesFen: 99_000,
				opens: 2,
				calendarDownloads: 2,
				stars: 1,
			},
			[
				['2026-06-06', 1, 99_000, 0],
				['2026-06-07', 1, 0, 2],
				['2026-06-08', 0, 0, 0],
			],
			[
				{ channel: 'scheme', opens: 1 },
				{ channel: 'qr', opens: 1 },
			],
			[
				['district', 'District', 2, 99_000, 2, 1],
				['picked', 'Picked', 1, 0, 2, 1],
				['empty', 'Empty', 0, 0, 0, 0],
			],
			[[w.ended.id, 99_000]],
			[[w.later.id, 2]],
			undefined,
			summary,
			undefined,
		]);
	});
});

describe('a copy published before venues were ranked', () => {
	it('still reads, with no venues, rather than showing the page as not published', async () => {
		const old: Record<string, unknown> = { ...(await loadResultsSummary(db, f, NOW)) };
		delete old.byVenue;
		const read = readSnapshot(JSON.parse(JSON.stringify(old)));
		expect([read?.byVenue, read?.totals]).toEqual([[], old.totals]);
	});
});
