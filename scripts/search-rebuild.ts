/**
 * `npm run search:rebuild`: rebuilds the search index from the database.
 * - With MEILISEARCH_URL: builds `<index>_<timestamp>` with the settings and every public room,
 *   waits for Meilisearch to finish, swaps it with the live index atomically, re-sends rooms that
 *   changed meanwhile, deletes the old index and clears the outbox rows the build covered.
 *   Searches keep being answered (by the old index, then the new one) throughout.
 * - Without it: rebuilds the embedded FTS5 index in one transaction.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';
import { createFts5Index } from '../src/lib/server/search/fts5';
import { createMeilisearchIndex } from '../src/lib/server/search/meilisearch';

async function main(): Promise<number> {
	const db = openDatabase(env.databasePath);
	const started = performance.now();
	const elapsed = (): string => `${Math.round(performance.now() - started)} ms`;
	try {
		if (!env.meilisearch) {
			console.log(`search:rebuild: no MEILISEARCH_URL; rebuilding FTS5 in ${env.databasePath}`);
			await createFts5Index(db).rebuild();
			console.log(`search:rebuild: FTS5 index rebuilt in ${elapsed()}`);
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
