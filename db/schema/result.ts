import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DEEPLINK_CHANNELS } from '../../src/lib/shared/status';
import { user } from './auth';
import { festival } from './festival';
import { room } from './room';

/**
 * What one session achieved (issue 18, the festival's results): the figures its merchant reported
 * after it ended (null = not reported) and what the portal measured itself — deep-link opens,
 * calendar downloads and stars, kept by triggers from `deeplink_open`, `calendar_download` and
 * `room_star`
 * (db/migrations/0041_result_tally.sql). A row exists once anything is known about the room.
 */
export const roomResult = sqliteTable(
	'room_result',
	{
		roomId: integer('room_id')
			.primaryKey()
			.references(() => room.id, { onDelete: 'cascade' }),
		festivalId: integer('festival_id').notNull(),
		/** Reported by the merchant: people who watched, orders taken, sales in fen. */
		viewers: integer(),
		orders: integer(),
		salesFen: integer('sales_fen'),
		reportedAt: integer('reported_at', { mode: 'timestamp_ms' }),
		reportedByUserId: integer('reported_by_user_id').references(() => user.id),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
		/** Measured by the portal (never written by the application: triggers keep them). */
		opens: integer().notNull().default(0),
		calendarDownloads: integer('calendar_downloads').notNull().default(0),
		stars: integer().notNull().default(0),
	},
	(t) => [
		// The top rooms of a festival are the first entries of these, read backwards.
		index('room_result_sales_idx')
			.on(t.festivalId, t.salesFen)
			.where(sql`sales_fen is not null`),
		index('room_result_viewers_idx')
			.on(t.festivalId, t.viewers)
			.where(sql`viewers is not null`),
		index('room_result_opens_idx')
			.on(t.festivalId, t.opens)
			.where(sql`opens > 0`),
	],
);

/** The figures a results tally sums: as room_result's, with a report counted once per room. */
function summedFigures() {
	return {
		/** Rooms whose merchant reported at least one figure. */
		reportedRooms: integer('reported_rooms').notNull().default(0),
		viewers: integer().notNull().default(0),
		orders: integer().notNull().default(0),
		salesFen: integer('sales_fen').notNull().default(0),
		opens: integer().notNull().default(0),
		calendarDownloads: integer('calendar_downloads').notNull().default(0),
		stars: integer().notNull().default(0),
	};
}

/**
 * The results of public rooms summed per festival, 15-minute UTC slot of the session's start,
 * district and category, in the same transaction as every write (triggers of 0041): totals per
 * day, district and category are sums over these rows, never a read of every room. A room that
 * leaves the public (rejected later) takes its figures with it.
 */
export const resultTally = sqliteTable(
	'result_tally',
	{
		festivalId: integer('festival_id').notNull(),
		slot: integer().notNull(),
		districtId: integer('district_id').notNull(),
		categoryId: integer('category_id').notNull(),
		...summedFigures(),
	},
	(t) => [primaryKey({ columns: [t.festivalId, t.slot, t.districtId, t.categoryId] })],
);

/**
 * The results of each venue's rooms (issue 18's rankings by venue), one row per venue, kept by
 * triggers on `room_venue` and `room_result` (db/migrations/0054_venue_results.sql) in the writer's
 * transaction: a room joining or leaving a venue (its rule, a pick, the room's own district,
 * category, tags or visibility) carries its session and figures with it, and a report or a counted
 * open changes every venue the room is in. Ranking 171 venues then reads 171 rows, where a join
 * through `room_venue` would read every membership of the main venue (all public rooms).
 */
export const venueResultTally = sqliteTable('venue_result_tally', {
	venueId: integer('venue_id').primaryKey(),
	/** Public sessions in the venue (its `room_venue` rows). */
	sessions: integer().notNull().default(0),
	...summedFigures(),
});

/** Deep-link opens of public rooms per festival and channel (triggers of 0041). */
export const openChannelTally = sqliteTable(
	'open_channel_tally',
	{
		festivalId: integer('festival_id').notNull(),
		channel: text({ enum: DEEPLINK_CHANNELS }).notNull(),
		opens: integer().notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.festivalId, t.channel] })],
);

/** A per-room, per-day counter of what visitors did, with no personal data (like `deeplink_open`). */
function roomDayCounter<const N extends string>(name: N) {
	return sqliteTable(
		name,
		{
			roomId: integer('room_id')
				.notNull()
				.references(() => room.id, { onDelete: 'cascade' }),
			/** The festival-zone day. */
			day: text().notNull(),
			count: integer().notNull().default(0),
		},
		(t) => [primaryKey({ columns: [t.roomId, t.day] })],
	);
}

/** How often a room's calendar file (`/rooms/{id}.ics`) was downloaded. */
export const calendarDownload = roomDayCounter('calendar_download');

/**
 * How often visitors starred a room (the star is kept in their browser and counted by a beacon
 * when it is added).
 */
export const roomStar = roomDayCounter('room_star');

/**
 * The festival's results as the bureau runs them: until when merchants may report, whether staff
 * locked the reports, and the published results page — a snapshot (JSON, results/snapshot.ts)
 * taken when staff publish, so `/results` reads one row and says as of when its figures are.
 */
export const festivalResults = sqliteTable('festival_results', {
	festivalId: integer('festival_id')
		.primaryKey()
		.references(() => festival.id, { onDelete: 'cascade' }),
	reportClosesAt: integer('report_closes_at', { mode: 'timestamp_ms' }),
	lockedAt: integer('locked_at', { mode: 'timestamp_ms' }),
	lockedBy: text('locked_by'),
	publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
	publishedBy: text('published_by'),
	snapshot: text({ mode: 'json' }).$type<unknown>(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
