import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db';

/** A migrated SQLite file in a fresh temporary folder; `cleanup` closes and deletes it. */
export function createTempDb(): { db: Db; file: string; cleanup: () => void } {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-test-'));
	const file = path.join(dir, 'test.db');
	const db = openDatabase(file);
	return {
		db,
		file,
		cleanup: () => {
			if (db.$client.open) db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
