import { getTableName, sql } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db';
import { hasAnyFestival } from '../../src/lib/server/festival/current';
import { withSearchDeferred } from '../../src/lib/server/search/sql-functions';
import {
	category,
	district,
	festival,
	merchant,
	openChannelTally,
	resultTally,
	room,
	roomProduct,
	roomVenue,
	showcaseHost,
	venue,
	venueTally,
} from '../schema';
import { planCalendar } from './calendar';
import { DEMO_FESTIVAL, insertDemoRows, type SeedSummary } from './demo-rows';
import { planMerchantRooms } from './merchant-rooms';
import { planMerchants } from './merchants';
import { seedDemoResults } from './results';
import { createRandom } from './random';
import { WxRoomCounters } from './room-plan';
import { addDays, formatShanghaiDate, isCalendarDate } from './shanghai-time';
import { planShowcaseRooms } from './showcases';
import { seedVenues } from './venues';

export type { SeedSummary } from './demo-rows';

export const DEMO_FESTIVAL_SLUG = DEMO_FESTIVAL.slug;
export const DEMO_DEFAULT_START_DATE = '2026-06-06';
/** The first festival's opening day, as a number; any fixed value would do. */
export const DEMO_DEFAULT_SEED = 20200606;

export interface SeedOptions {
	/** `YYYY-MM-DD` in Asia/Shanghai: the festival is moved so this is its middle day. */
	today?: string;
	/** The random seed; the default gives the documented demo. */
	seed?: number;
	/**
	 * Add the venues (db/seed/venues.ts) at the end; a caller that loads more rooms first adds them
	 * itself afterwards, so each venue reads its rooms once. Default true.
	 */
	venues?: boolean;
}

/**
 * Inserts the demo festival (one edition, Guangzhou's districts, the categories, 320 merchants,
 * ~2,200 merchant rooms and 24 showcase rooms with products and hosts) in one transaction, so a
 * failure leaves the database as it was. Every value comes from a seeded generator and the
 * festival's dates, never from `Math.random` or the clock: the same options give identical rows,
 * which is what lets tests, screenshots and benchmarks rely on the demo.
 * Runs as a savepoint when called inside another transaction (e.g. after `resetDatabase`).
 */
export function seedDemoFestival(db: Db, options: SeedOptions = {}): SeedSummary {
	// One index rebuild at the end instead of re-tokenising a room for each of its products.
	return withSearchDeferred(db.$client, () => insertDemoFestival(db, options));
}

/**
 * `seedDemoFestival` without the search index: for callers that load more rows in the same
 * transaction and build the index once at the end (db/seed/festival.ts).
 */
export function insertDemoFestival(db: Db, options: SeedOptions = {}): SeedSummary {
	if (options.today !== undefined && !isCalendarDate(options.today)) {
		throw new RangeError(`today must be a date (YYYY-MM-DD), got ${options.today}`);
	}
	const startDate = options.today ? addDays(options.today, -1) : DEMO_DEFAULT_START_DATE;
	const calendar = planCalendar(startDate);
	const random = createRandom(options.seed ?? DEMO_DEFAULT_SEED);
	const counters = new WxRoomCounters();
	const merchants = planMerchants(random, calendar);
	const rooms = [
		...planMerchantRooms(random, calendar, merchants, counters),
		...planShowcaseRooms(random, calendar, merchants, counters),
	];
	const summary = insertDemoRows(db, calendar, merchants, rooms);
	seedDemoResults(db.$client, { festivalId: summary.festivalId, until: calendar.middleNoon });
	if (options.venues !== false) summary.venues = seedVenues(db, summary.showcaseRooms);
	return summary;
}

/**
 * Seeds the demo only into an empty database, with the festival's middle day on `now`'s date in
 * Shanghai, so `npm start` on a fresh checkout shows rooms that are live right now. Checks and
 * seeds in one IMMEDIATE transaction so two processes starting together cannot both seed.
 */
export function ensureDemoFestival(db: Db, options: { now: Date }): SeedSummary | null {
	return db.$client
		.transaction(() =>
			isDatabaseEmpty(db) ? seedDemoFestival(db, { today: formatShanghaiDate(options.now) }) : null,
		)
		.immediate();
}

/** True when no festival exists: the only state in which seeding cannot clash with real data. */
export function isDatabaseEmpty(db: Db): boolean {
	return !hasAnyFestival(db);
}

/**
 * Deletes every row of the festival, reference and room tables, children first so foreign keys
 * hold, and restarts their id sequences so a re-seed gives the same ids as a fresh database.
 * Tables added later that reference rooms or merchants must be cleared by the caller first.
 */
export function resetDatabase(db: Db): void {
	withSearchDeferred(db.$client, () => clearFestivalRows(db));
}

/** `resetDatabase` without the search index, for a caller that rebuilds it after loading. */
export function clearFestivalRows(db: Db): void {
	// Venues first: their triggers clear room_venue; the tally's emptied rows go with it.
	const tables = [
		venue,
		roomVenue,
		venueTally,
		showcaseHost,
		roomProduct,
		room,
		merchant,
		festival,
		category,
		district,
	];
	for (const table of [...tables, resultTally, openChannelTally]) db.delete(table).run();
	const hasSequence = db.$client
		.prepare("select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'")
		.get();
	if (hasSequence) {
		const names = tables.map((table) => getTableName(table));
		db.run(sql`delete from sqlite_sequence where name in ${names}`);
	}
}
