import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { ROOM_KINDS } from '../../src/lib/shared/status';
import { VENUE_KINDS, VENUE_PICK_MODES } from '../../src/lib/shared/venue-kinds';
import { district, festival } from './festival';

/**
 * A venue of the festival ("1+11+N": the main venue, one per district, themed ones). Its rooms are
 * those its rule matches — every listed dimension must match (district in `rule_districts`,
 * category in `rule_categories`, any of `rule_tags` among the room's tags); a rule naming nothing
 * matches nothing — plus the rooms picked in `venue_pick`, minus those excluded there. Which rooms
 * those are is kept in `room_venue` by triggers (db/migrations/0051_venue_membership.sql), in the
 * writer's transaction, so lists and counts never evaluate the rule over the festival's rooms.
 */
export const venue = sqliteTable(
	'venue',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		festivalId: integer('festival_id')
			.notNull()
			.references(() => festival.id),
		slug: text().notNull(),
		kind: text({ enum: VENUE_KINDS }).notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		introZh: text('intro_zh').notNull().default(''),
		introEn: text('intro_en').notNull().default(''),
		/** The banner picture's content key (media pipeline, `venue-banner` kind); null for none. */
		bannerKey: text('banner_key'),
		/** Order within its kind on /venues and the home page. */
		sort: integer().notNull().default(0),
		/** The district whose staff curate it (a district venue's own; a themed venue given to one). */
		curatorDistrictId: integer('curator_district_id').references(() => district.id),
		ruleDistricts: text('rule_districts', { mode: 'json' }).$type<number[]>().notNull().default([]),
		ruleCategories: text('rule_categories', { mode: 'json' })
			.$type<number[]>()
			.notNull()
			.default([]),
		ruleTags: text('rule_tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
		/** The featured rooms in the curators' order (ids; only members are shown). */
		featured: text({ mode: 'json' }).$type<number[]>().notNull().default([]),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [
		uniqueIndex('venue_festival_slug_unique').on(t.festivalId, t.slug),
		index('venue_festival_kind_idx').on(t.festivalId, t.kind, t.sort),
		index('venue_curator_idx').on(t.curatorDistrictId),
		// At most one main venue per festival.
		uniqueIndex('venue_main_unique')
			.on(t.festivalId)
			.where(sql`kind = 'main'`),
	],
);

/** A room placed in a venue by hand, or kept out of what its rule would give it. */
export const venuePick = sqliteTable(
	'venue_pick',
	{
		roomId: integer('room_id').notNull(),
		venueId: integer('venue_id')
			.notNull()
			.references(() => venue.id, { onDelete: 'cascade' }),
		mode: text({ enum: VENUE_PICK_MODES }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [
		// The membership triggers look a (room, venue) pair up; a room has one mode per venue.
		primaryKey({ columns: [t.roomId, t.venueId] }),
		index('venue_pick_venue_idx').on(t.venueId, t.mode),
	],
);

/**
 * Which public rooms are in which venue, with the room's times, status time, watchability and
 * kind copied so that a venue's lists and counts read these indexes alone until a row is on the
 * page. Never written by the application: triggers keep it (0051) on every write to a room, a
 * venue's rule or its picks.
 */
export const roomVenue = sqliteTable(
	'room_venue',
	{
		roomId: integer('room_id').notNull(),
		venueId: integer('venue_id').notNull(),
		startAt: integer('start_at').notNull(),
		endAt: integer('end_at').notNull(),
		liveStatusAt: integer('live_status_at'),
		watchable: integer().notNull(),
		kind: text({ enum: ROOM_KINDS }).notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.roomId, t.venueId] }),
		index('room_venue_start_idx').on(t.venueId, t.startAt, t.endAt, t.liveStatusAt),
		index('room_venue_end_idx').on(t.venueId, t.endAt, t.startAt),
		index('room_venue_kind_idx').on(t.venueId, t.kind, t.startAt, t.endAt, t.liveStatusAt),
		index('room_venue_watch_idx').on(t.venueId, t.watchable, t.startAt, t.endAt, t.liveStatusAt),
		check('room_venue_time_order', sql`${t.endAt} > ${t.startAt}`),
	],
);

/**
 * A venue's public rooms starting and ending per 15-minute UTC slot and kind, kept by triggers on
 * `room_venue` (0051): a venue's rooms per day and live now are sums over a few hundred rows, as
 * `room_tally` gives them for the festival (db/schema/tally.ts).
 */
export const venueTally = sqliteTable(
	'venue_tally',
	{
		venueId: integer('venue_id').notNull(),
		slot: integer().notNull(),
		kind: text({ enum: ROOM_KINDS }).notNull(),
		starts: integer().notNull().default(0),
		ends: integer().notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.venueId, t.slot, t.kind] })],
);
