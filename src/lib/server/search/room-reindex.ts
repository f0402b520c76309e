import type { Db } from '../db';
import { Batch, TransactionPacer } from './transaction-pacer';

/** Each transaction re-indexes about this long at most, so the server's own writes barely wait. */
const TARGET_MS = 20;

/**
 * Re-indexes these rooms for search (both FTS5 tables and the Meilisearch outbox, through the
 * triggers' own statement, the view `search_reindex`) and tells searches' in-memory room
 * attributes to reload them (`search_change`), in short transactions with a turn of the event
 * loop between them. For a change that touches thousands of rooms at once — a district or
 * category renamed at 270,000 rooms — made with the search triggers off (sql-functions.ts), which
 * would otherwise re-tokenise them all in the writer's one transaction and hold the database and
 * the event loop for seconds. Returns the number of rooms.
 */
export async function reindexRoomsPaced(db: Db, roomIds: readonly number[]): Promise<number> {
	const sqlite = db.$client;
	const reindex = sqlite.prepare(
		'INSERT INTO search_reindex(room_id) SELECT value FROM json_each(?)',
	);
	const mark = sqlite.prepare(`INSERT INTO search_change(room_id, changed_at)
		SELECT value, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM json_each(?)`);
	const pacer = new TransactionPacer(sqlite, TARGET_MS);
	const batch = new Batch(50, 10, 2_000);
	for (let at = 0; at < roomIds.length;) {
		const ids = JSON.stringify(roomIds.slice(at, at + batch.size));
		at += batch.size;
		await pacer.run(() => {
			reindex.run(ids);
			mark.run(ids);
		}, batch);
	}
	return roomIds.length;
}
