import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
	(t) => [
		primaryKey({ columns: [t.festivalId, t.slot, t.districtId, t.categoryId, t.kind] }),
		// A filtered count reads its own dimension's rows of the day only (covering).
		index('room_tally_district_idx').on(t.festivalId, t.districtId, t.slot, t.starts, t.ends),
		index('room_tally_category_idx').on(t.festivalId, t.categoryId, t.slot, t.starts, t.ends),
		index('room_tally_kind_idx').on(t.festivalId, t.kind, t.slot, t.starts, t.ends),
	],
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

/**
 * Public rooms per (start slot, end slot) pair: how many of a day's rooms have ended by an instant
 * is a sum over the pairs that start in the day and end before it (a few thousand rows), not a read
 * of the day's rooms. Kept by triggers (db/migrations/0013_span_tally.sql).
 */
export const roomSpanTally = sqliteTable(
	'room_span_tally',
	{
		festivalId: integer('festival_id').notNull(),
		startSlot: integer('start_slot').notNull(),
		endSlot: integer('end_slot').notNull(),
		rooms: integer().notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.festivalId, t.startSlot, t.endSlot] })],
);
