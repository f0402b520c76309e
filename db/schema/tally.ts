import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROOM_KINDS } from '../../src/lib/shared/status';

/** Width of a tally slot: 15 minutes, a divisor of every UTC offset in use, so day bounds align. */
export const TALLY_SLOT_MS = 15 * 60_000;

/**
 * How many public rooms start (`starts`) and end (`ends`) in each 15-minute UTC slot, per district,
 * category and kind. Kept by triggers in the same transaction as every write to a room or its
 * merchant (db/migrations/0009_public_tally.sql), so counts per day, hour, district, category and
 * kind, and "live now" (started minus ended), are sums over a few thousand rows whatever the size
 * of the festival, never a scan of `room`. `src/lib/server/room/tally.ts` reads it.
 */
export const roomTally = sqliteTable(
	'room_tally',
	{
		festivalId: integer('festival_id').notNull(),
		slot: integer().notNull(),
		districtId: integer('district_id').notNull(),
		categoryId: integer('category_id').notNull(),
		kind: text({ enum: ROOM_KINDS }).notNull(),
		starts: integer().notNull().default(0),
		ends: integer().notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.festivalId, t.slot, t.districtId, t.categoryId, t.kind] })],
);

/**
 * The same counts per slot only (all districts, categories and kinds together): a few hundred rows
 * per festival, so "live now" (starts minus ends up to now), per-day and "starting soon" counts
 * are sums over that many rows. Kept by the same triggers as `room_tally`.
 */
export const roomSlotTally = sqliteTable(
	'room_slot_tally',
	{
		festivalId: integer('festival_id').notNull(),
		slot: integer().notNull(),
		starts: integer().notNull().default(0),
		ends: integer().notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.festivalId, t.slot] })],
);
