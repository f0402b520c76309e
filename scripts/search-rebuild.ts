/**
 * `npm run search:rebuild`: rebuilds the search index from the database.
 * - With MEILISEARCH_URL: builds `<index>_<timestamp>` with the settings and every public room,
 *   waits for Meilisearch to finish, swaps it with the live index atomically, re-sends rooms that
 *   changed meanwhile, deletes the old index and clears the outbox rows the build covered.
 *   Searches keep being answered (by the old index, then the new one) throughout.
 * - Without it: rebuilds the embedded FTS5 index beside a running server (rebuildSearchIndex:
 *   rooms tokenised in worker threads into a stage file, which is then copied in and swapped for
 *   room_fts in short transactions, so searches stay complete and the server's writes wait at
 *   most a few tens of milliseconds).
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';
import { rebuildSearchIndex } from '../src/lib/server/search/rebuild';
import { createMeilisearchIndex } from '../src/lib/server/search/meilisearch';

async function main(): Promise<number> {
	const db = openDatabase(env.databasePath);
	const started = performance.now();
	const elapsed = (): string => `${Math.round(performance.now() - started)} ms`;
	try {
		if (!env.meilisearch) {
			console.log(`search:rebuild: no MEILISEARCH_URL; rebuilding FTS5 in ${env.databasePath}`);
			const r = await rebuildSearchIndex(db);
			const phases = Object.entries(r.phases)
				.map(([name, ms]) => `${name.replace(/Ms$/, '')} ${ms} ms`)
				.join(', ');
			console.log(
				`search:rebuild: FTS5 index rebuilt in ${elapsed()}: ${r.rooms} rooms, ${r.workers} ` +
					`workers, ${r.transactions} transactions in the live database (longest ` +
					`${r.longestTransactionMs} ms, ${r.longestPhase}), ${r.caughtUp} rooms caught up; ${phases}`,
			);
			return 0;
		}
		const { url, index } = env.meilisearch;
		console.log(`search:rebuild: rebuilding Meilisearch index ${index} at ${url}`);
		let lastPage = 0;
		const summary = await createMeilisearchIndex(db, env.meilisearch).rebuildBySwap((line) => {
			// Page progress every 10,000 rooms; every other step as it happens.
			const rooms = /^indexed (\d+) rooms$/.exec(line);
			if (rooms && Number(rooms[1]) - lastPage < 10_000) return;
			if (rooms) lastPage = Number(rooms[1]);
			console.log(`search:rebuild: ${line} (${elapsed()})`);
		});
		console.log(
			`search:rebuild: done in ${elapsed()}: ${summary.documents} rooms in ${summary.index}, ` +
				`${summary.caughtUp} re-sent after the swap, ${summary.outboxCleared} outbox rows cleared`,
		);
		return 0;
	} catch (error) {
		console.error(`search:rebuild: failed after ${elapsed()}: ${(error as Error).message}`);
		console.error('The live index was left as it was unless the swap had already happened.');
		return 1;
	} finally {
		db.$client.close();
	}
}

process.exitCode = await main();
