import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../../db/schema';
import { env } from './env';
import { findProjectRoot } from './project-root';
import { registerRoomFunctions } from './room/sql-functions';
import { registerSearchFunctions } from './search/sql-functions';
import { logStatements } from './sql-log';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Per-request statement counter, read by the middleware into a `Server-Timing` header. */
export interface QueryTally {
	count: number;
}
export const queryTally = new AsyncLocalStorage<QueryTally>();

export const MIGRATIONS_DIR = path.join(findProjectRoot(), 'db', 'migrations');

/**
 * Opens a SQLite file in WAL mode with foreign keys on, a busy timeout so a second writer waits
 * instead of failing, and `synchronous=FULL` so a committed write survives a power cut (WAL's
 * default NORMAL may lose the last transactions). Applies pending migrations unless told not to.
 */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
	if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma(`wal_autocheckpoint = ${env.walAutocheckpoint}`);
	registerSearchFunctions(sqlite);
	registerRoomFunctions(sqlite);
	if (env.sqlLogPath) logStatements(sqlite, env.sqlLogPath);
	const db = drizzle(sqlite, {
		schema,
		logger: {
			logQuery() {
				const tally = queryTally.getStore();
				if (tally) tally.count += 1;
			},
		},
	});
	if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
	// Refresh the query planner's statistics where they are missing or stale (SQLite's advice for
	// long-lived connections): without them a lookup by id can pick a festival-wide index scan.
	sqlite.pragma('analysis_limit = 1000');
	sqlite.pragma('optimize = 0x10002');
	return db;
}

let shared: Db | undefined;

/** The portal's database, opened (and migrated) on first use. */
export function getDb(): Db {
	shared ??= openDatabase(env.databasePath);
	return shared;
}
