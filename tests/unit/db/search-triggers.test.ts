import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../src/lib/server/db';
import { createTempDb } from '../../support/temp-db';

let temp: ReturnType<typeof createTempDb> | undefined;
afterEach(() => temp?.cleanup());

describe('migrations after 0002_room_search', () => {
	it('every search trigger of 0002 still exists once all migrations have run', () => {
		const sql = readFileSync(path.join(MIGRATIONS_DIR, '0002_room_search.sql'), 'utf8');
		const expected = [...sql.matchAll(/CREATE TRIGGER (\w+)/g)].map((m) => m[1]).sort();
		temp = createTempDb();
		const actual = temp.db.$client
			.prepare(
				"select name from sqlite_master where type = 'trigger' and name like 'room_search%' order by name",
			)
			.all()
			.map((r) => (r as { name: string }).name);
		expect([expected.length > 0, actual]).toEqual([true, expected]);
	});
});
