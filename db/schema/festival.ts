import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One edition of the festival. Dates are calendar days in the festival's own time zone
 * (`YYYY-MM-DD`); everything with a time of day is stored as a UTC instant elsewhere.
 */
export const festival = sqliteTable(
	'festival',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		slug: text().notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		city: text().notNull(),
		timezone: text().notNull(),
		startDate: text('start_date').notNull(),
		endDate: text('end_date').notNull(),
		submissionOpensAt: integer('submission_opens_at', { mode: 'timestamp_ms' }),
		submissionClosesAt: integer('submission_closes_at', { mode: 'timestamp_ms' }),
		published: integer({ mode: 'boolean' }).notNull().default(false),
		isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [
		uniqueIndex('festival_slug_unique').on(t.slug),
		// At most one edition is the current one.
		uniqueIndex('festival_current_unique')
			.on(t.isCurrent)
			.where(sql`is_current = 1`),
	],
);

/** A city district (Guangzhou has eleven); a filter on every list. */
export const district = sqliteTable(
	'district',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		city: text().notNull(),
		code: text().notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		sort: integer().notNull().default(0),
	},
	(t) => [
		uniqueIndex('district_city_code_unique').on(t.city, t.code),
		index('district_city_idx').on(t.city),
	],
);

/** A product category (老字号, 生鲜, 服饰 …); global across cities. */
export const category = sqliteTable(
	'category',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		code: text().notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en').notNull(),
		sort: integer().notNull().default(0),
	},
	(t) => [uniqueIndex('category_code_unique').on(t.code)],
);
