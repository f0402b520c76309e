import type Database from 'better-sqlite3';
import { configureIndexMerging } from './index-merge';
import { buildIndexInsertSql, INDEX_TABLES } from './index-schema';
import { readIndexDefinitions, removeStageFile, renameIndexDefinition } from './index-stage';
import { Batch, TransactionPacer, type PacerStats } from './transaction-pacer';

/** A staged table while it is copied in and caught up; then the live table it replaced. */
const building = (table: string): string => `${table}_build`;
const retired = (table: string): string => `${table}_old`;
/** FTS5's shadow tables that hold an index, each with its key (copied and deleted in key order). */
const SHADOWS = [
	{ suffix: 'data', key: 'id', first: [-1] },
	{ suffix: 'docsize', key: 'id', first: [-1] },
	{ suffix: 'idx', key: 'segid, term', first: [-1, ''] },
] as const;
/** Catch up until fewer rooms than this changed since the last pass; the swap takes the rest. */
const SWAP_ROOMS = 200;
const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

export interface InstallOptions {
	/** Target length of each write transaction in the live database (ms). */
	targetMs: number;
	/** Called after every committed transaction (tests write and search between them). */
	afterTransaction?: () => void | Promise<void>;
}

export interface InstallSummary extends PacerStats {
	/** Rooms re-indexed because they changed while the stage was built and copied. */
	caughtUp: number;
	phases: { copyMs: number; catchUpMs: number; swapMs: number; dropMs: number; outboxMs: number };
}

/** Why a stage cannot be installed: the rooms it holds are no longer knowably current. */
export type InstallRefusal = 'everything changed' | 'change log pruned';

type Changes = { upTo: number; rooms: number[] } | InstallRefusal;

/**
 * Puts a finished stage (index-stage.ts) in place of the live index, beside a live server, in
 * short transactions: copies each of its FTS5 tables into a new table of the same declaration,
 * re-indexes the rooms whose text changed after `fromSeq` (the change log's seq before the stage
 * read any room), swaps each new table for its live one in a transaction with the last of those
 * changes, and deletes the old ones a piece at a time. Searches see complete tables throughout:
 * old ones before their swap, new ones after it. The renames keep every trigger pointing at
 * the live names (legacy ALTER TABLE semantics; modern ones would rewrite the triggers to follow
 * the old tables). Writing FTS5's shadow tables directly needs SQLite's defensive mode off on this
 * connection while it runs.
 */
export async function installIndexStage(
	sqlite: Database.Database,
	stageFile: string,
	fromSeq: number,
	options: InstallOptions,
): Promise<InstallSummary | InstallRefusal> {
	const pacer = new TransactionPacer(sqlite, options.targetMs, options.afterTransaction);
	const phases = { copyMs: 0, catchUpMs: 0, swapMs: 0, dropMs: 0, outboxMs: 0 };
	let phaseStart = performance.now();
	const endPhase = (name: keyof typeof phases): void => {
		phases[name] = Math.round(performance.now() - phaseStart);
		phaseStart = performance.now();
	};
	sqlite.unsafeMode(true);
	try {
		pacer.phase = 'copy';
		const definitions = readIndexDefinitions(sqlite);
		for (const { name } of INDEX_TABLES) {
			await dropIndexTable(sqlite, pacer, building(name));
			await dropIndexTable(sqlite, pacer, retired(name));
			await pacer.run(() => {
				sqlite.exec(renameIndexDefinition(definitions[name]!, name, building(name)));
				// A new FTS5 table already holds its empty structure: the stage's replaces it.
				for (const { suffix } of SHADOWS) sqlite.exec(`DELETE FROM ${building(name)}_${suffix}`);
			});
		}
		sqlite.prepare('ATTACH DATABASE ? AS lf_stage').run(stageFile);
		try {
			for (const { name } of INDEX_TABLES) {
				for (const shadow of SHADOWS) await copyShadow(sqlite, pacer, name, shadow);
			}
		} finally {
			sqlite.exec('DETACH DATABASE lf_stage');
		}
		removeStageFile(stageFile);
		// Settings (the `_config` table) are not copied: merging is set on the copied structure.
		for (const { name } of INDEX_TABLES) {
			await pacer.run(() => configureIndexMerging(sqlite, building(name)));
		}
		endPhase('copyMs');
		const log = prepareChangeLog(sqlite);
		const reindex = prepareReindex(sqlite);
		let seen = fromSeq;
		let caughtUp = 0;
		pacer.phase = 'catch-up';
		for (;;) {
			const changes = log.read(seen);
			if (typeof changes === 'string') return changes;
			if (changes.rooms.length < SWAP_ROOMS) break;
			for (let at = 0; at < changes.rooms.length; at += SWAP_ROOMS) {
				await pacer.run(() => reindex(null, changes.rooms.slice(at, at + SWAP_ROOMS)));
			}
			caughtUp += changes.rooms.length;
			seen = changes.upTo;
		}
		endPhase('catchUpMs');
		pacer.phase = 'swap';
		// One table at a time: each swap renames an FTS5 table and its shadows, and SQLite reads
		// its whole schema again for every rename, so both at once held the write lock for 80 ms
		// at 270,000 rooms. Between the two, searches read a new and an old table, each complete.
		for (const table of INDEX_TABLES) {
			let seenHere = seen;
			const swapped = await swapTable(sqlite, pacer, table.name, () => {
				const changes = log.read(seenHere);
				if (typeof changes === 'string') return changes;
				reindex(table.name, changes.rooms);
				if (table === INDEX_TABLES[0]) caughtUp += changes.rooms.length;
				seenHere = changes.upTo;
				return null;
			});
			if (swapped) {
				for (const { name } of INDEX_TABLES) {
					await dropIndexTable(sqlite, pacer, building(name));
					await dropIndexTable(sqlite, pacer, retired(name));
				}
				return swapped;
			}
		}
		endPhase('swapMs');
		pacer.phase = 'drop';
		for (const { name } of INDEX_TABLES) await dropIndexTable(sqlite, pacer, retired(name));
		endPhase('dropMs');
		pacer.phase = 'outbox';
		await queueEveryRoom(sqlite, pacer);
		endPhase('outboxMs');
		return { ...pacer.stats(), caughtUp, phases };
	} finally {
		sqlite.unsafeMode(false);
	}
}

/** Copies one shadow table of the stage into the build table, in key order, a batch at a time. */
async function copyShadow(
	sqlite: Database.Database,
	pacer: TransactionPacer,
	table: string,
	shadow: (typeof SHADOWS)[number],
): Promise<void> {
	const { suffix, key } = shadow;
	const into = `main.${building(table)}_${suffix}`;
	const marks = shadow.first.map(() => '?').join(', ');
	const copy = sqlite.prepare(
		`INSERT INTO ${into} SELECT * FROM lf_stage.${table}_${suffix}
			WHERE (${key}) > (${marks}) ORDER BY ${key} LIMIT ?`,
	);
	const descending = key
		.split(', ')
		.map((column) => `${column} DESC`)
		.join(', ');
	const last = sqlite.prepare(`SELECT ${key} FROM ${into} ORDER BY ${descending} LIMIT 1`);
	let after: unknown[] = [...shadow.first];
	const batch = new Batch(32, 16, 50_000);
	for (;;) {
		const limit = batch.size;
		const copied = await pacer.run(() => copy.run(...after, limit).changes, batch);
		if (copied < limit) return;
		after = last.raw().get() as unknown[];
	}
}

/**
 * Renames a live table away and its build table in, in one transaction with `lastly` (the last
 * catch-up of that table), which may refuse. Returns the refusal.
 */
async function swapTable(
	sqlite: Database.Database,
	pacer: TransactionPacer,
	name: string,
	lastly: () => InstallRefusal | null,
): Promise<InstallRefusal | null> {
	sqlite.pragma('legacy_alter_table = ON');
	try {
		return await pacer.run(() => {
			const refusal = lastly();
			if (refusal) return refusal;
			sqlite.exec(`ALTER TABLE ${name} RENAME TO ${retired(name)}`);
			sqlite.exec(`ALTER TABLE ${building(name)} RENAME TO ${name}`);
			// The text of every room may differ now: cached posting lists must be read again.
			sqlite.exec(`INSERT INTO search_change(room_id, changed_at) VALUES (-1, ${NOW_MS})`);
			return null;
		});
	} finally {
		sqlite.pragma('legacy_alter_table = OFF');
	}
}

/**
 * Drops an FTS5 table of any size without holding the write lock for long: its shadow tables are
 * emptied a batch at a time first (dropping 400 MB at once takes a quarter of a second).
 */
async function dropIndexTable(
	sqlite: Database.Database,
	pacer: TransactionPacer,
	table: string,
): Promise<void> {
	const exists = sqlite
		.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
		.get(table);
	if (!exists) return;
	for (const { suffix, key } of SHADOWS) {
		const remove = sqlite.prepare(
			`DELETE FROM ${table}_${suffix} WHERE (${key}) IN
				(SELECT ${key} FROM ${table}_${suffix} ORDER BY ${key} LIMIT ?)`,
		);
		const batch = new Batch(1000, 50, 100_000);
		for (;;) {
			const limit = batch.size;
			if ((await pacer.run(() => remove.run(limit).changes, batch)) < limit) break;
		}
	}
	await pacer.run(() => sqlite.exec(`DROP TABLE ${table}`));
}

/** Marks every room for the external engine's outbox (a rebuild may change every document). */
async function queueEveryRoom(sqlite: Database.Database, pacer: TransactionPacer): Promise<void> {
	const queue = sqlite.prepare(`INSERT INTO search_outbox(room_id, changed_at)
		SELECT id, ${NOW_MS} FROM room WHERE id > ? ORDER BY id LIMIT ?
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0,
			next_attempt_at = 0, last_error = NULL`);
	const last = sqlite.prepare(
		'SELECT max(id) FROM (SELECT id FROM room WHERE id > ? ORDER BY id LIMIT ?)',
	);
	const batch = new Batch(2000, 100, 50_000);
	let after = 0;
	for (;;) {
		const limit = batch.size;
		const upTo = await pacer.run(() => {
			queue.run(after, limit);
			return last.pluck().get(after, limit) as number | null;
		}, batch);
		if (upTo === null) return;
		after = upTo;
	}
}

/** Reads which rooms the change log says changed after a seq. */
function prepareChangeLog(sqlite: Database.Database): { read(since: number): Changes } {
	const newest = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM search_change').pluck();
	const oldest = sqlite.prepare('SELECT coalesce(min(seq), 0) FROM search_change').pluck();
	const rooms = sqlite
		.prepare('SELECT DISTINCT room_id FROM search_change WHERE seq > ? AND seq <= ?')
		.pluck();
	return {
		read(since) {
			const upTo = newest.get() as number;
			if (upTo <= since) return { upTo, rooms: [] };
			if ((oldest.get() as number) > since + 1) return 'change log pruned';
			const ids = rooms.all(since, upTo) as number[];
			// 0: a festival-wide change (every room's text may differ); -1: an earlier rebuild.
			if (ids.includes(0)) return 'everything changed';
			return { upTo, rooms: ids.filter((id) => id > 0) };
		},
	};
}

/** Re-indexes rooms in a build table (or all of them) as the triggers index the live ones. */
function prepareReindex(
	sqlite: Database.Database,
): (table: string | null, rooms: number[]) => void {
	const statements = INDEX_TABLES.map((table) => ({
		name: table.name,
		remove: sqlite.prepare(
			`DELETE FROM ${building(table.name)} WHERE rowid IN (SELECT value FROM json_each(?))`,
		),
		insert: sqlite.prepare(
			buildIndexInsertSql(table, building(table.name), 'id IN (SELECT value FROM json_each(?))'),
		),
	}));
	return (table, rooms) => {
		if (rooms.length === 0) return;
		const ids = JSON.stringify(rooms);
		for (const { name, remove, insert } of statements) {
			if (table !== null && name !== table) continue;
			remove.run(ids);
			insert.run(ids);
		}
	};
}
