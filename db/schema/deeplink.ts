import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DEEPLINK_CHANNELS } from '../../src/lib/shared/status';
import { room } from './room';

/**
 * How often each room was opened through /go, per channel and festival-zone day: a counter, with
 * no personal data, so the bureau can show merchants what the festival brought them.
 */
export const deeplinkOpen = sqliteTable(
	'deeplink_open',
	{
		roomId: integer('room_id')
			.notNull()
			.references(() => room.id, { onDelete: 'cascade' }),
		channel: text({ enum: DEEPLINK_CHANNELS }).notNull(),
		day: text().notNull(),
		count: integer().notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.roomId, t.channel, t.day] })],
);
