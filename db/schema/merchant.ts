import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MERCHANT_STATUSES } from '../../src/lib/shared/status';
import { user } from './auth';
import { category, district } from './festival';

/**
 * A participating business. Its mini program (AppID + the page that takes `room_id`) is what every
 * deep link into its rooms is built from.
 */
export const merchant = sqliteTable(
	'merchant',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		/** The account that registered the business; null for merchants loaded by the seed or staff. */
		ownerUserId: integer('owner_user_id').references(() => user.id),
		legalName: text('legal_name').notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en'),
		creditCode: text('credit_code').notNull(),
		districtId: integer('district_id')
			.notNull()
			.references(() => district.id),
		categoryId: integer('category_id')
			.notNull()
			.references(() => category.id),
		appId: text('app_id').notNull(),
		roomPagePath: text('room_page_path').notNull(),
		urlLink: text('url_link'),
		contactName: text('contact_name').notNull(),
		contactMobile: text('contact_mobile').notNull(),
		status: text({ enum: MERCHANT_STATUSES }).notNull().default('pending'),
		reviewNote: text('review_note'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(t) => [
		uniqueIndex('merchant_credit_code_unique').on(t.creditCode),
		// One business per account.
		uniqueIndex('merchant_owner_user_unique').on(t.ownerUserId),
		// Counts by status, registrations by day and the review backlog by age, on the index alone.
		index('merchant_status_idx').on(t.status, t.createdAt, t.updatedAt),
		// Staff pick a showcase's carrier by name among 40,000 merchants (staff/carriers.ts).
		index('merchant_name_idx').on(t.nameZh),
		// District staff's queue, dashboard and export: one district's registrations by status.
		index('merchant_district_status_idx').on(t.districtId, t.status, t.createdAt),
	],
);
