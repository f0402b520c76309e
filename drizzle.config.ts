import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'sqlite',
	schema: './db/schema/index.ts',
	out: './db/migrations',
	dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/livefest.db' },
	// FTS5 tables are written by hand (drizzle-kit generate --custom); keep them out of its view.
	tablesFilter: ['!room_fts*'],
});
