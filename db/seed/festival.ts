import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/lib/server/db';
import {
	clearFestivalRows,
	DEMO_DEFAULT_SEED,
	insertDemoFestival,
	type SeedOptions,
	type SeedSummary,
} from './demo';
import { DEMO_PUBLIC_ROOMS, parseFestivalSize, type FestivalSizeInput } from './festival-size';
import { withIndexesDeferred } from './deferred-indexes';
import { growFestival } from './growth';
import { planCalendar } from './calendar';
import { seedDemoResults } from './results';
import { loadThenIndex } from './search-load';
import { seedVenues } from './venues';

export interface FestivalSeedOptions extends SeedOptions, FestivalSizeInput {
	/** Delete the festival, merchants and rooms there are first (in the same transaction). */
	reset?: boolean;
}

export interface FestivalSummary extends SeedSummary {
	/** Rooms the public sees: approved, of approved (or no) merchants. */
	publicRooms: number;
	/** All rooms, whatever their review status. */
	rooms: number;
}

export interface FestivalSeedReport {
	summary: FestivalSummary;
	/** Planning and inserting every row (one transaction, search triggers off). */
	loadMs: number;
	/** Building the search index once at the end. */
	indexMs: number;
	/** Planner statistics and writing the WAL back into the database file. */
	finishMs: number;
	totalMs: number;
}

/** The page cache a bulk load gets (KiB, as SQLite's negative cache_size): room's indexes fit. */
const BULK_CACHE_KIB = 256 * 1024;

/**
 * Seeds the demo festival, grown to `rooms` public rooms when asked (db/seed/growth.ts), and
 * builds the search index once at the end. Without `rooms` the rows are exactly the demo's. The
 * caller has made sure the database holds no festival it wants to keep (`reset` deletes it).
 * Because the file holds nothing else of value meanwhile, the load runs with `synchronous=OFF`, a
 * large page cache and statement journals in memory, all restored afterwards; the commit itself is then checkpointed with the
 * connection's usual durability, so a crash mid-load loses only the load.
 */
export async function seedFestival(
	db: Db,
	options: FestivalSeedOptions = {},
): Promise<FestivalSeedReport> {
	const size = parseFestivalSize({ rooms: options.rooms, merchants: options.merchants });
	const seed = options.seed ?? DEMO_DEFAULT_SEED;
	const sqlite = db.$client;
	const started = performance.now();
	const restore = {
		synchronous: sqlite.pragma('synchronous', { simple: true }) as number,
		cacheSize: sqlite.pragma('cache_size', { simple: true }) as number,
		tempStore: sqlite.pragma('temp_store', { simple: true }) as number,
	};
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma(`cache_size = -${BULK_CACHE_KIB}`);
	// Every insert whose triggers write other tables keeps a statement journal; in a file that is
	// one pwrite per page touched (1.9 million for 20,000 rooms), in memory none.
	sqlite.pragma('temp_store = MEMORY');
	let loaded;
	try {
		loaded = await loadThenIndex(
			db,
			() => {
				if (options.reset) clearFestivalRows(db);
				const grow = size.rooms > DEMO_PUBLIC_ROOMS;
				const demo = insertDemoFestival(db, { today: options.today, seed, venues: !grow });
				if (grow) {
					const mainShowcases = demo.showcaseRooms;
					const demoRooms = sqlite.prepare('SELECT max(id) FROM room').pluck().get() as number;
					const grown = withIndexesDeferred(sqlite, () =>
						growFestival(sqlite, { rooms: size.rooms, merchants: size.merchants, seed: seed + 1 }),
					);
					seedDemoResults(sqlite, {
						festivalId: demo.festivalId,
						until: planCalendar(demo.startDate).middleNoon,
						afterRoomId: demoRooms,
					});
					demo.merchants += grown.merchants;
					demo.merchantRooms += grown.rooms - grown.showcaseRooms;
					demo.showcaseRooms += grown.showcaseRooms;
					demo.roomProducts += grown.products;
					demo.showcaseHosts += grown.hosts;
					// After every room: each venue reads its rule's candidates once (db/seed/venues.ts).
					demo.venues = seedVenues(db, mainShowcases);
				}
				return demo;
			},
			{ large: size.rooms > DEMO_PUBLIC_ROOMS },
		);
	} finally {
		sqlite.pragma(`synchronous = ${restore.synchronous}`);
		sqlite.pragma(`cache_size = ${restore.cacheSize}`);
		sqlite.pragma(`temp_store = ${restore.tempStore}`);
	}
	const finishStarted = performance.now();
	// Planner statistics as `openDatabase` keeps them (so a copy plans like a served database from
	// its first statement), then the WAL folded into the file, which can then be copied alone.
	sqlite.pragma('optimize = 0x10002');
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	const finishMs = performance.now() - finishStarted;
	const publicRooms = sqlite
		.prepare('SELECT count(*) FROM room WHERE festival_id = ? AND is_public = 1')
		.pluck()
		.get(loaded.result.festivalId) as number;
	const summary: FestivalSummary = {
		...loaded.result,
		publicRooms,
		rooms: loaded.result.merchantRooms + loaded.result.showcaseRooms,
	};
	return {
		summary,
		loadMs: loaded.loadMs,
		indexMs: loaded.indexMs,
		finishMs,
		totalMs: performance.now() - started,
	};
}
