import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PRICE_TYPES, REVIEW_STATUSES, ROOM_KINDS } from '../../src/lib/shared/status';
import { category, district, festival } from './festival';
import { merchant } from './merchant';

/**
 * A live session in the festival schedule. Merchant rooms belong to a merchant; showcase rooms are
 * run by the bureau and may name a merchant whose mini program carries the broadcast.
 * District and category are the room's own (defaulting to the merchant's) so every filter is a
 * single-table index scan.
 */
export const room = sqliteTable(
	'room',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		festivalId: integer('festival_id')
			.notNull()
			.references(() => festival.id),
		merchantId: integer('merchant_id').references(() => merchant.id),
		kind: text({ enum: ROOM_KINDS }).notNull(),
		title: text().notNull(),
		titleEn: text('title_en'),
		description: text().notNull().default(''),
		descriptionEn: text('description_en'),
		anchorName: text('anchor_name').notNull().default(''),
		/**
		 * Where the cover comes from when it is not uploaded here: WeChat's `cover_img` (https), or a
		 * file an earlier version stored as uploaded (`/media/<hash>.<ext>`). The image worker turns
		 * it into `cover_key` (src/lib/server/media/).
		 */
		coverUrl: text('cover_url'),
		/**
		 * The cover the portal shows: the content key of an image decoded and re-encoded by the media
		 * pipeline (src/lib/server/media/image-store.ts), served as `/media/<key>-<width>.webp`. Null
		 * while `cover_url` waits for the image worker; '' when there is no usable cover.
		 */
		coverKey: text('cover_key'),
		districtId: integer('district_id')
			.notNull()
			.references(() => district.id),
		categoryId: integer('category_id')
			.notNull()
			.references(() => category.id),
		startAt: integer('start_at', { mode: 'timestamp_ms' }).notNull(),
		endAt: integer('end_at', { mode: 'timestamp_ms' }).notNull(),
		wxRoomId: integer('wx_room_id'),
		liveStatus: integer('live_status'),
		liveStatusAt: integer('live_status_at', { mode: 'timestamp_ms' }),
		replayUrl: text('replay_url'),
		replayExpiresAt: integer('replay_expires_at', { mode: 'timestamp_ms' }),
		/** When a sync last saw this room in the merchant's room list (issue 7). */
		wxReportedAt: integer('wx_reported_at', { mode: 'timestamp_ms' }),
		/** Set when a complete sync no longer lists the room; the room is kept, not deleted. */
		wxMissingSince: integer('wx_missing_since', { mode: 'timestamp_ms' }),
		reviewStatus: text('review_status', { enum: REVIEW_STATUSES }).notNull().default('draft'),
		reviewNote: text('review_note'),
		featuredRank: integer('featured_rank'),
		/**
		 * 1 while the public may see the room (room/visibility.ts: approved, and its merchant, if
		 * any, approved). Kept by triggers (db/migrations/0009_public_tally.sql) on every write to
		 * the room's review status or its merchant's status; never written by the application. It
		 * is what lets every public list and count be one partial-index range on `room` alone.
		 */
		isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
		/**
		 * 1 while /go has a way into the room (src/lib/server/deeplink/watchability.ts: the carrying
		 * merchant's AppID and room page with this room's WeChat id, or the merchant's URL Link). Kept
		 * by triggers calling that same function (db/migrations/0021_watchable_rooms.sql); never
		 * written by the application, so lists can put watchable rooms first on an index.
		 */
		watchable: integer({ mode: 'boolean' }).notNull().default(false),
		tags: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [
		// A status's rooms by start time, with their end: the staff review queue (those not yet over,
		// soonest first; the ended apart) is read and counted on it, whatever the festival's size.
		index('room_schedule_idx').on(t.festivalId, t.reviewStatus, t.startAt, t.endAt),
		index('room_merchant_idx').on(t.merchantId, t.startAt),
		// The review backlog by age (the dashboard): a status's rooms by last change.
		index('room_review_queue_idx').on(t.festivalId, t.reviewStatus, t.updatedAt),
		// Approved rooms hidden by their merchant's status (the dashboard's approved count adds
		// them to the public tally's sum): a few hundred entries, not a lookup per room.
		index('room_hidden_approved_idx')
			.on(t.festivalId)
			.where(sql`review_status = 'approved' and is_public = 0`),
		index('room_featured_idx')
			.on(t.festivalId, t.featuredRank)
			.where(sql`featured_rank is not null`),
		// Public lists and counts: partial indexes over public rooms only (visibility.ts writes the
		// condition as the literal `is_public = 1` that these WHERE clauses need to match); the
		// filtered ones carry what the phase depends on, as room_public_window_idx does, so a
		// filtered phase count or list reads the index alone until a row is on the page.
		index('room_public_start_idx')
			.on(t.festivalId, t.startAt)
			.where(sql`is_public = 1`),
		// With start_at, so rooms straddling a day's edge are counted on the index alone.
		index('room_public_end_idx')
			.on(t.festivalId, t.endAt, t.startAt)
			.where(sql`is_public = 1`),
		// A day's rooms with what their phase depends on, so a phase filter reads the index, not
		// the rows, until a row is on the page (room/phase-sql.ts's candidate terms).
		index('room_public_window_idx')
			.on(t.festivalId, t.startAt, t.endAt, t.liveStatusAt)
			.where(sql`is_public = 1`),
		index('room_public_district_idx')
			.on(t.festivalId, t.districtId, t.startAt, t.endAt, t.liveStatusAt)
			.where(sql`is_public = 1`),
		index('room_public_category_idx')
			.on(t.festivalId, t.categoryId, t.startAt, t.endAt, t.liveStatusAt)
			.where(sql`is_public = 1`),
		// A district's rooms of one category ("fashion in Tianhe"), the filters citizens combine
		// most: a page of them reads its 48 entries, not every room of the district.
		index('room_public_district_category_idx')
			.on(t.festivalId, t.districtId, t.categoryId, t.startAt, t.endAt, t.liveStatusAt)
			.where(sql`is_public = 1`),
		index('room_public_kind_idx')
			.on(t.festivalId, t.kind, t.startAt, t.endAt, t.liveStatusAt)
			.where(sql`is_public = 1`),
		// Live and upcoming lists put rooms citizens can open first (the home page's live rail).
		index('room_public_watch_idx')
			.on(t.festivalId, t.watchable, t.startAt, t.endAt, t.liveStatusAt)
			.where(sql`is_public = 1`),
		// Covers the image worker still has to fetch (src/lib/server/media/image-worker.ts).
		index('room_cover_pending_idx')
			.on(t.id)
			.where(sql`cover_url is not null and cover_key is null`),
		index('room_public_status_idx')
			.on(t.festivalId, t.liveStatusAt)
			.where(sql`is_public = 1 and live_status_at is not null`),
		uniqueIndex('room_merchant_wx_unique').on(t.merchantId, t.wxRoomId),
		check('room_kind_merchant', sql`${t.kind} = 'showcase' or ${t.merchantId} is not null`),
		check('room_time_order', sql`${t.endAt} > ${t.startAt}`),
	],
);

/** A product shown in the room, priced as the WeChat live plugin prices goods (in fen). */
export const roomProduct = sqliteTable(
	'room_product',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		roomId: integer('room_id')
			.notNull()
			.references(() => room.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		nameEn: text('name_en'),
		priceType: text('price_type', { enum: PRICE_TYPES }).notNull(),
		price: integer().notNull(),
		price2: integer(),
		/** WeChat's `goods[].cover_img` (https), turned into `image_key` by the image worker. */
		coverUrl: text('cover_url'),
		/** Content key of the re-encoded product image (see room.cover_key); '' = none usable. */
		imageKey: text('image_key'),
		pagePath: text('page_path'),
		sort: integer().notNull().default(0),
	},
	(t) => [
		index('room_product_room_idx').on(t.roomId, t.sort),
		index('room_product_image_pending_idx')
			.on(t.id)
			.where(sql`cover_url is not null and image_key is null`),
	],
);

/** An official hosting a government showcase session. */
export const showcaseHost = sqliteTable(
	'showcase_host',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		roomId: integer('room_id')
			.notNull()
			.references(() => room.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		nameEn: text('name_en'),
		title: text().notNull(),
		titleEn: text('title_en'),
		districtId: integer('district_id').references(() => district.id),
		sort: integer().notNull().default(0),
	},
	(t) => [index('showcase_host_room_idx').on(t.roomId, t.sort)],
);
