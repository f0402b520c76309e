import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	BACKUP_STEP_PAGES,
	backupDatabase,
	checkIntegrity,
	DatabaseInUseError,
	restoreDatabase,
} from '../../../../src/lib/server/ops/backup';
import { createTempDb } from '../../../support/temp-db';

let temp: ReturnType<typeof createTempDb>;
let backupDir: string;

beforeEach(() => {
	temp = createTempDb();
	backupDir = mkdtempSync(path.join(os.tmpdir(), 'livefest-backups-'));
	temp.db.$client.exec('CREATE TABLE tick (n INTEGER PRIMARY KEY, pad BLOB NOT NULL)');
});

afterEach(() => {
	temp.cleanup();
	rmSync(backupDir, { recursive: true, force: true });
});

/** Inserts ticks n+1 … n+count (4 KiB each, so the file spans many pages). */
function insertTicks(db: Database.Database, count: number): void {
	const insert = db.prepare('INSERT INTO tick (pad) VALUES (randomblob(4096))');
	db.transaction(() => {
		for (let i = 0; i < count; i += 1) insert.run();
	})();
}

function readTicks(file: string): number[] {
	const db = new Database(file, { readonly: true });
	try {
		return db.prepare('SELECT n FROM tick ORDER BY n').pluck().all() as number[];
	} finally {
		db.close();
	}
}

describe('backupDatabase', () => {
	it('backup of a database being written to is one consistent, sound snapshot', async () => {
		insertTicks(temp.db.$client, 2000);
		const writer = new Database(temp.file);
		writer.pragma('busy_timeout = 5000');
		let writing = true;
		let written = 0;
		const loop = (): void => {
			if (!writing) return;
			insertTicks(writer, 5);
			written += 5;
			setImmediate(loop);
		};
		setImmediate(loop);

		const result = await backupDatabase(temp.file, { dir: backupDir, keep: 14 });
		writing = false;
		writer.close();

		expect(written).toBeGreaterThan(0);
		expect(checkIntegrity(result.file)).toEqual([]);
		const ticks = readTicks(result.file);
		expect(ticks.length).toBeGreaterThanOrEqual(2000);
		expect(ticks).toEqual(Array.from({ length: ticks.length }, (_, i) => i + 1));
		expect(path.basename(result.file)).toMatch(/^test-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.db$/);
		expect(readdirSync(backupDir)).toEqual([path.basename(result.file)]);
	});

	it('backup copies in steps of at most BACKUP_STEP_PAGES pages, the loop turning between them', async () => {
		insertTicks(temp.db.$client, 3000);
		const writer = new Database(temp.file);
		let turns = 0;
		const steps: number[] = [];
		const tick = setInterval(() => {
			turns += 1;
			insertTicks(writer, 1);
		}, 0);
		try {
			const result = await backupDatabase(temp.file, {
				dir: backupDir,
				keep: 14,
				onStep: (p) => steps.push(p.remainingPages),
			});
			const copied = steps.map((left, i) => (i === 0 ? result.pages : steps[i - 1]!) - left);
			const ticks = readTicks(result.file);
			expect({
				severalSteps: steps.length >= 3,
				bounded: copied.slice(1).every((n) => n <= BACKUP_STEP_PAGES),
				loopTurned: turns > 0,
				snapshot: ticks.length >= 3000 && ticks.every((n, i) => n === i + 1),
			}).toEqual({ severalSteps: true, bounded: true, loopTurned: true, snapshot: true });
		} finally {
			clearInterval(tick);
			writer.close();
		}
	});

	it('retention keeps the newest N backups of that database', async () => {
		insertTicks(temp.db.$client, 3);
		writeFileSync(path.join(backupDir, 'unrelated.db'), 'not ours');
		const names: string[] = [];
		for (let day = 1; day <= 5; day += 1) {
			const now = new Date(`2026-06-0${day}T03:00:00Z`);
			const result = await backupDatabase(temp.file, { dir: backupDir, keep: 3, now });
			names.push(path.basename(result.file));
		}

		expect(readdirSync(backupDir).sort()).toEqual([...names.slice(2), 'unrelated.db'].sort());
	});

	it('keep below 1 is refused', async () => {
		await expect(backupDatabase(temp.file, { dir: backupDir, keep: 0 })).rejects.toThrow(
			'keep must be ≥ 1',
		);
	});
});

describe('restoreDatabase', () => {
	it('restore puts back the backed-up rows and leaves no stale WAL', async () => {
		insertTicks(temp.db.$client, 10);
		const { file } = await backupDatabase(temp.file, { dir: backupDir, keep: 14 });
		insertTicks(temp.db.$client, 7);
		temp.db.$client.close();

		restoreDatabase(file, temp.file);

		expect(readTicks(temp.file)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(checkIntegrity(temp.file)).toEqual([]);
		expect(existsSync(`${temp.file}-wal`)).toBe(false);
		expect(readdirSync(path.dirname(temp.file)).filter((n) => n.includes('restore'))).toEqual([]);
	});

	it('restore while another connection holds the database is refused and changes nothing', async () => {
		insertTicks(temp.db.$client, 4);
		const { file } = await backupDatabase(temp.file, { dir: backupDir, keep: 14 });
		insertTicks(temp.db.$client, 2);

		expect(() => restoreDatabase(file, temp.file)).toThrow(DatabaseInUseError);
		expect(temp.db.$client.prepare('SELECT count(*) FROM tick').pluck().get()).toBe(6);
	});

	it('restore while another process (the server) has the database open is refused', async () => {
		insertTicks(temp.db.$client, 4);
		const { file } = await backupDatabase(temp.file, { dir: backupDir, keep: 14 });
		temp.db.$client.close();
		const holder = spawn(
			process.execPath,
			[
				'-e',
				`const db = new (require('better-sqlite3'))(process.argv[1]);
				db.pragma('journal_mode = WAL');
				db.prepare('SELECT count(*) FROM tick').get();
				console.log('ready');
				setInterval(() => {}, 1000);`,
				temp.file,
			],
			{
				cwd: path.resolve(import.meta.dirname, '../../../..'),
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		try {
			await once(holder.stdout!, 'data');
			expect(() => restoreDatabase(file, temp.file)).toThrow(DatabaseInUseError);
		} finally {
			holder.kill();
			await once(holder, 'exit');
		}

		restoreDatabase(file, temp.file);

		expect(readTicks(temp.file)).toEqual([1, 2, 3, 4]);
	});

	it('restore of a damaged backup is refused and changes nothing', () => {
		insertTicks(temp.db.$client, 4);
		temp.db.$client.close();
		const damaged = path.join(backupDir, 'damaged.db');
		writeFileSync(damaged, Buffer.alloc(8192, 7));

		expect(() => restoreDatabase(damaged, temp.file)).toThrow();
		expect(readTicks(temp.file)).toEqual([1, 2, 3, 4]);
	});

	it('restore into a missing file creates it', async () => {
		insertTicks(temp.db.$client, 2);
		const { file } = await backupDatabase(temp.file, { dir: backupDir, keep: 14 });
		const target = path.join(backupDir, 'fresh', 'livefest.db');

		restoreDatabase(file, target);

		expect(readTicks(target)).toEqual([1, 2]);
	});
});
