import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { INDEX_TABLES, type IndexRow } from './index-schema';

/** How a table of the live index is declared, by name (the migrations decide it). */
export type IndexDefinitions = Record<string, string>;

/**
 * How the live index's tables are declared (columns, tokenizer, prefix indexes, detail), read
 * from the database itself, so the stage and the tables swapped in are always declared as the
 * migrations last declared them.
 */
export function readIndexDefinitions(sqlite: Database.Database): IndexDefinitions {
	const read = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`);
	const definitions: IndexDefinitions = {};
	for (const { name } of INDEX_TABLES) {
		const sql = read.pluck().get(name) as string | undefined;
		if (!sql) throw new Error(`${name} is missing: the database is not migrated`);
		definitions[name] = sql;
	}
	return definitions;
}

/** A table's declaration for a table named `as`. */
export function renameIndexDefinition(definition: string, name: string, as: string): string {
	const pattern = new RegExp(`^CREATE VIRTUAL TABLE\\s+["'\`]?${name}["'\`]?(?=\\s)`, 'i');
	if (!pattern.test(definition)) throw new Error(`unexpected definition of ${name}: ${definition}`);
	return definition.replace(pattern, `CREATE VIRTUAL TABLE ${as}`);
}

/**
 * Where a rebuild stages the index of the database `file`: beside it (the same disk, which has
 * room for the index already), or in the temporary folder for a database in memory.
 */
export function locateIndexStage(file: string): string {
	if (file === '' || file === ':memory:') {
		return path.join(os.tmpdir(), `livefest-search-stage-${process.pid}.db`);
	}
	return `${file}-search-stage`;
}

/** FTS5's in-memory buffer per table in the stage: few, large segments (a throwaway file). */
const STAGE_HASH_BYTES = 128 * 1024 * 1024;
/** The stage's page cache (KiB): the index being merged stays in memory. */
const STAGE_CACHE_KIB = 256 * 1024;

export interface IndexStage {
	readonly file: string;
	/** Adds tokenised rooms (each room once; ids in any order). */
	add(rows: readonly IndexRow[]): void;
	/** Commits and merges each table into one segment, and closes the stage: ready to install. */
	finish(): { optimizeMs: number };
	/** Closes and deletes the stage without finishing it. */
	discard(): void;
}

/**
 * Opens a fresh stage: a file of its own with only the index tables in it, written without a
 * journal or syncs in one transaction (nobody else reads it, and a crash only loses the stage,
 * which the next rebuild replaces). Building here instead of in the live database is what makes a
 * full rebuild fast beside a live server: the live file's write lock is never held while FTS5
 * builds, so FTS5 can buffer hundreds of megabytes and merge once instead of writing a segment per
 * short transaction and merging them over and over.
 */
export function openIndexStage(file: string, definitions: IndexDefinitions): IndexStage {
	removeStageFile(file);
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = OFF');
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('locking_mode = EXCLUSIVE');
	sqlite.pragma(`cache_size = -${STAGE_CACHE_KIB}`);
	const inserts = INDEX_TABLES.map((table) => {
		sqlite.exec(definitions[table.name]!);
		sqlite.exec(
			`INSERT INTO ${table.name}(${table.name}, rank) VALUES('hashsize', ${STAGE_HASH_BYTES})`,
		);
		const columns = table.columns.map((c) => c.name);
		return sqlite.prepare(
			`INSERT INTO ${table.name}(rowid, ${columns.join(', ')})
				VALUES (?, ${columns.map(() => '?').join(', ')})`,
		);
	});
	sqlite.exec('BEGIN');
	return {
		file,
		add(rows) {
			for (const [id, ...values] of rows) {
				inserts.forEach((insert, t) => insert.run(id, ...values[t]!));
			}
		},
		finish() {
			sqlite.exec('COMMIT');
			const started = performance.now();
			for (const { name } of INDEX_TABLES) {
				sqlite.exec(`INSERT INTO ${name}(${name}) VALUES('optimize')`);
			}
			const optimizeMs = Math.round(performance.now() - started);
			sqlite.close();
			return { optimizeMs };
		},
		discard() {
			if (sqlite.open) sqlite.close();
			removeStageFile(file);
		},
	};
}

/** Deletes a stage file (and what SQLite may have left beside it). */
export function removeStageFile(file: string): void {
	for (const suffix of ['', '-journal', '-wal', '-shm'])
		rmSync(`${file}${suffix}`, { force: true });
}
