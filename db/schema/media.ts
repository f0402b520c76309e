import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * What the image worker made of each remote image URL (WeChat's `cover_img`, `goods[].cover_img`):
 * the content key of the re-encoded image, or why there is none. A URL is fetched once however many
 * rooms and products name it, and a re-import that keeps its URLs fetches nothing.
 */
export const remoteImage = sqliteTable('remote_image', {
	url: text().primaryKey(),
	/** Content key (src/lib/server/media/image-store.ts); null when the image was refused. */
	imageKey: text('image_key'),
	/** Why it was refused (`tooLarge`, `notImage`, `tooManyPixels`, `blockedAddress` …). */
	failure: text(),
	fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }).notNull(),
});
