import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../../db/schema';
import type { Db } from '../db';
import type { ExportPages } from './exports';
import { yieldToEventLoop } from './loop-turn';

/**
 * A read-only connection of the export's own, so the export can hold one read transaction from
 * its first page to its last — a consistent snapshot of the festival, as the one-statement export
 * was — while the portal's shared connection goes on serving and writing between pages (WAL
 * readers never block writers). No migrations: the server's connection has applied them.
 */
export function openSnapshotConnection(file: string): Db {
	const sqlite = new Database(file, { readonly: true, fileMustExist: true });
	sqlite.pragma('busy_timeout = 5000');
	return drizzle(sqlite, { schema }) as Db;
}

/**
 * A CSV export as a byte stream: one page per pull, and a turn of the event loop between pages,
 * so no step holds the loop for more than a page's worth of work and memory stays at about one
 * page whatever the festival's size. The stream owns `open()`'s connection: it reads inside one
 * read transaction and closes the connection at the end, on an error, or when the client goes away.
 */
export function createExportStream(
	open: () => Db,
	read: (db: Db) => ExportPages,
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let db: Db | undefined;
	let pages: ExportPages | undefined;
	const release = (): void => {
		if (!db) return;
		const sqlite = db.$client;
		db = undefined;
		if (sqlite.inTransaction) sqlite.exec('COMMIT');
		sqlite.close();
	};
	return new ReadableStream<Uint8Array>(
		{
			start() {
				db = open();
				// The snapshot begins with the transaction's first read: now, not at the first page.
				db.$client.exec('BEGIN');
				db.$client.prepare('SELECT count(*) FROM sqlite_master').get();
				pages = read(db);
			},
			async pull(controller) {
				try {
					const next = pages!.next();
					if (next.done) {
						release();
						controller.close();
						return;
					}
					controller.enqueue(encoder.encode(next.value));
				} catch (error) {
					release();
					controller.error(error);
					return;
				}
				await yieldToEventLoop();
			},
			cancel() {
				pages?.return();
				release();
			},
		},
		{ highWaterMark: 1 },
	);
}
