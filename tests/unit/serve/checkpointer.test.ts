import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type CheckpointResult } from '../../../src/serve/checkpointer';
import type { Db } from '../../../src/lib/server/db';
import { createTempDb } from '../../support/temp-db';

let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
});
afterEach(() => temp.cleanup());

describe('WAL checkpoints on a thread of their own', () => {
	it("turns the connection's own checkpoints off and copies what it writes into the file", async () => {
		const sqlite = db.$client;
		const before = sqlite.pragma('wal_autocheckpoint', { simple: true });
		const results: CheckpointResult[] = [];
		const checkpointer = startCheckpointer(sqlite, temp.file, {
			everyMs: 50,
			onResult: (r) => results.push(r),
		});
		sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
		const insert = sqlite.prepare('INSERT INTO filler (text) VALUES (?)');
		// 1,500 commits of a page or more each: past the 1,000 pages at which the connection would
		// have checkpointed by itself.
		for (let i = 0; i < 1_500; i++) insert.run('x'.repeat(3_000));
		const deadline = Date.now() + 10_000;
		const caughtUp = () => results.some((r) => r.log > 1_000 && r.checkpointed === r.log);
		while (!caughtUp() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		await checkpointer.stop();
		expect({
			before,
			after: sqlite.pragma('wal_autocheckpoint', { simple: true }),
			caughtUp: caughtUp(),
			rows: sqlite.prepare('SELECT count(*) FROM filler').pluck().get(),
		}).toEqual({ before: 1000, after: 0, caughtUp: true, rows: 1_500 });
	}, 20_000);
});
