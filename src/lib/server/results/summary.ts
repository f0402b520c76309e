import { sql } from 'drizzle-orm';
import { TALLY_SLOT_MS } from '../../../../db/schema/tally';
import { DEEPLINK_CHANNELS, type DeeplinkChannel } from '../../shared/status';
import { getDayBounds, getDayKey } from '../../shared/time';
import type { Db } from '../db';
import { listFestivalDays, listReferenceData, type Festival } from '../festival/current';
import { yieldToEventLoop } from '../staff/loop-turn';
import { findBucket } from '../staff/time-buckets';
import { listVenues } from '../venue/venues';
import type { ResultsFigures, ResultsRow, ResultsSnapshot, TopRoom } from './snapshot';

/**
 * The festival's results in a fixed number of indexed statements whatever its size: the results
 * tally (db/migrations/0041_result_tally.sql) and the schedule's tallies summed per day, district
 * and category, each venue's row of venue_result_tally (0054), opens per channel, and the top rooms
 * read from the head of three partial indexes of room_result. A turn of the event loop between
 * statements keeps visitors served meanwhile. Districts, categories and venues are ranked: the
 * highest reported sales first, then the most opens, then their own order.
 */

/** Rooms in each top list. */
export const TOP_ROOMS = 10;

const zero = (): ResultsFigures => ({
	sessions: 0,
	reportedRooms: 0,
	viewers: 0,
	orders: 0,
	salesFen: 0,
	opens: 0,
	calendarDownloads: 0,
	stars: 0,
});

/** The results tally summed by one of its key's columns (`k`). */
interface TallyRow {
	k: number;
	reported: number;
	viewers: number;
	orders: number;
	sales: number;
	opens: number;
	downloads: number;
	stars: number;
}

function add(into: ResultsFigures, r: TallyRow): void {
	into.reportedRooms += r.reported;
	into.viewers += r.viewers;
	into.orders += r.orders;
	into.salesFen += r.sales;
	into.opens += r.opens;
	into.calendarDownloads += r.downloads;
	into.stars += r.stars;
}

/**
 * The festival's result_tally rows summed by `column` (slot, district or category): SQLite sums
 * the tens of thousands of rows of a real festival in a few milliseconds and hands over a few
 * hundred at most — reading them all into JavaScript would hold the event loop for 100 ms.
 */
function sumTallyBy(
	db: Db,
	f: Festival,
	column: 'slot' | 'district_id' | 'category_id',
): TallyRow[] {
	return db.all<TallyRow>(sql`SELECT ${sql.raw(column)} k, sum(reported_rooms) reported,
			sum(viewers) viewers, sum(orders) orders, sum(sales_fen) sales, sum(opens) opens,
			sum(calendar_downloads) downloads, sum(stars) stars
		FROM result_tally WHERE festival_id = ${f.id} GROUP BY ${sql.raw(column)}`);
}

/** The top rooms of one figure: the head of its index, public rooms only. */
function readTop(db: Db, f: Festival, column: 'sales_fen' | 'viewers' | 'opens'): TopRoom[] {
	const where = column === 'opens' ? sql`x.opens > 0` : sql.raw(`x.${column} IS NOT NULL`);
	const rows = db.all<{
		roomId: number;
		title: string;
		titleEn: string | null;
		merchantZh: string | null;
		merchantEn: string | null;
		startAt: number;
		districtZh: string;
		districtEn: string;
		categoryZh: string;
		categoryEn: string;
		viewers: number | null;
		orders: number | null;
		salesFen: number | null;
		opens: number;
	}>(sql`SELECT x.room_id AS roomId, r.title, r.title_en AS titleEn, m.name_zh AS merchantZh,
			m.name_en AS merchantEn, r.start_at AS startAt, d.name_zh AS districtZh, d.name_en AS districtEn,
			c.name_zh AS categoryZh, c.name_en AS categoryEn, x.viewers, x.orders,
			x.sales_fen AS salesFen, x.opens
		FROM room_result x
		JOIN room r ON r.id = x.room_id
		JOIN district d ON d.id = r.district_id
		JOIN category c ON c.id = r.category_id
		LEFT JOIN merchant m ON m.id = r.merchant_id
		WHERE x.festival_id = ${f.id} AND ${where} AND r.is_public = 1
		ORDER BY ${sql.raw(`x.${column}`)} DESC, x.room_id LIMIT ${TOP_ROOMS}`);
	return rows.map((r) => ({
		roomId: r.roomId,
		title: { zh: r.title, en: r.titleEn ?? r.title },
		merchant: r.merchantZh ? { zh: r.merchantZh, en: r.merchantEn ?? r.merchantZh } : null,
		day: getDayKey(new Date(r.startAt), f.timezone),
		district: { zh: r.districtZh, en: r.districtEn },
		category: { zh: r.categoryZh, en: r.categoryEn },
		viewers: r.viewers,
		orders: r.orders,
		salesFen: r.salesFen,
		opens: r.opens,
	}));
}

/** Each venue of the festival (in /venues order) with its row of venue_result_tally, if any. */
function readVenues(db: Db, f: Festival): ResultsRow[] {
	const figures = new Map(
		db
			.all<ResultsFigures & { venueId: number }>(
				sql`SELECT t.venue_id AS venueId, t.sessions, t.reported_rooms AS reportedRooms,
					t.viewers, t.orders, t.sales_fen AS salesFen, t.opens,
					t.calendar_downloads AS calendarDownloads, t.stars
				FROM venue_result_tally t JOIN venue v ON v.id = t.venue_id
				WHERE v.festival_id = ${f.id}`,
			)
			.map(({ venueId, ...row }) => [venueId, row]),
	);
	return listVenues(db, f.id).map((v) => ({
		key: v.slug,
		label: { zh: v.nameZh, en: v.nameEn },
		...(figures.get(v.id) ?? zero()),
	}));
}

/** A ranking: the highest reported sales first, then the most opens, ties kept in their order. */
function rankResultsRows(rows: ResultsRow[]): ResultsRow[] {
	return rows.toSorted((a, b) => b.salesFen - a.salesFen || b.opens - a.opens);
}

/** Public sessions per day (slot tally) and per district and category (the schedule's tally). */
function readSessions(db: Db, f: Festival, dayEdges: number[]) {
	const perDay = new Map<number, number>();
	for (const { slot, n } of db.all<{ slot: number; n: number }>(
		sql`SELECT slot, starts AS n FROM room_slot_tally WHERE festival_id = ${f.id} AND starts > 0`,
	)) {
		const day = findBucket(dayEdges, slot * TALLY_SLOT_MS);
		perDay.set(day, (perDay.get(day) ?? 0) + n);
	}
	const perDistrict = new Map<number, number>();
	const perCategory = new Map<number, number>();
	for (const { d, c, n } of db.all<{ d: number; c: number; n: number }>(
		sql`SELECT district_id d, category_id c, sum(starts) n FROM room_tally NOT INDEXED
			WHERE festival_id = ${f.id} GROUP BY district_id, category_id`,
	)) {
		perDistrict.set(d, (perDistrict.get(d) ?? 0) + n);
		perCategory.set(c, (perCategory.get(c) ?? 0) + n);
	}
	return { perDay, perDistrict, perCategory };
}

/**
 * Everything the results show, as of `now`. Figures of rooms that are not public (rejected after
 * reporting, a suspended merchant) are left out by the tallies themselves.
 */
export async function loadResultsSummary(db: Db, f: Festival, now: Date): Promise<ResultsSnapshot> {
	const days = listFestivalDays(f);
	const dayEdges = days.map((day) => getDayBounds(day, f.timezone).start.getTime());
	const { districts, categories } = listReferenceData(db, f);
	const byDay = days.map(zero);
	const byDistrict = new Map(districts.map((d) => [d.id, zero()]));
	const byCategory = new Map(categories.map((c) => [c.id, zero()]));
	const totals = zero();
	const lastDayEnd = getDayBounds(days.at(-1)!, f.timezone).end.getTime();
	for (const r of sumTallyBy(db, f, 'slot')) {
		add(totals, r);
		const t = r.k * TALLY_SLOT_MS;
		const day = t < lastDayEnd ? findBucket(dayEdges, t) : -1;
		if (day >= 0) add(byDay[day]!, r);
	}
	await yieldToEventLoop();
	for (const r of sumTallyBy(db, f, 'district_id')) {
		const district = byDistrict.get(r.k);
		if (district) add(district, r);
	}
	await yieldToEventLoop();
	for (const r of sumTallyBy(db, f, 'category_id')) {
		const category = byCategory.get(r.k);
		if (category) add(category, r);
	}
	await yieldToEventLoop();
	const sessions = readSessions(db, f, dayEdges);
	byDay.forEach((d, i) => (d.sessions = sessions.perDay.get(i) ?? 0));
	for (const [id, row] of byDistrict) row.sessions = sessions.perDistrict.get(id) ?? 0;
	for (const [id, row] of byCategory) row.sessions = sessions.perCategory.get(id) ?? 0;
	totals.sessions = [...sessions.perDistrict.values()].reduce((s, n) => s + n, 0);
	const channels = db.all<{ channel: DeeplinkChannel; opens: number }>(
		sql`SELECT channel, opens FROM open_channel_tally WHERE festival_id = ${f.id}`,
	);
	await yieldToEventLoop();
	const top = {
		sales: readTop(db, f, 'sales_fen'),
		viewers: readTop(db, f, 'viewers'),
		opens: readTop(db, f, 'opens'),
	};
	const byVenue = readVenues(db, f);
	const named =
		(list: { id: number; code: string; nameZh: string; nameEn: string }[]) =>
		(figures: Map<number, ResultsFigures>): ResultsRow[] =>
			rankResultsRows(
				list.map((e) => ({
					key: e.code,
					label: { zh: e.nameZh, en: e.nameEn },
					...figures.get(e.id)!,
				})),
			);
	return {
		version: 1,
		festival: {
			name: { zh: f.nameZh, en: f.nameEn },
			timezone: f.timezone,
			startDate: f.startDate,
			endDate: f.endDate,
		},
		asOf: now.toISOString(),
		totals,
		opensByChannel: DEEPLINK_CHANNELS.map((channel) => ({
			channel,
			opens: channels.find((c) => c.channel === channel)?.opens ?? 0,
		})),
		byDay: byDay.map((figures, i) => ({
			key: days[i]!,
			label: { zh: days[i]!, en: days[i]! },
			...figures,
		})),
		byDistrict: named(districts)(byDistrict),
		byCategory: named(categories)(byCategory),
		byVenue: rankResultsRows(byVenue),
		top,
	};
}
