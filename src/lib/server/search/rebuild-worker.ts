/**
 * A worker thread of `rebuildSearchIndex` (rebuild.ts): tokenises ranges of rooms on its own
 * read-only connection, so tokenising — JavaScript, most of a rebuild's CPU — runs on every core
 * while the parent thread only writes room_fts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { tokeniseRange } from './rebuild-source';

const { file } = workerData as { file: string };
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('cache_size = -65536');

parentPort!.on('message', (range: { lo: number; hi: number } | null) => {
	if (range === null) {
		sqlite.close();
		parentPort!.close();
		return;
	}
	try {
		parentPort!.postMessage({ chunk: tokeniseRange(sqlite, range.lo, range.hi) });
	} catch (error) {
		parentPort!.postMessage({ error: (error as Error).message });
	}
});
