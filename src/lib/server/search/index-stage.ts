import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { IndexRow } from './rebuild-source';

/** The live embedded index (db/migrations): the stage holds a table of the same name and shape. */
export const INDEX_TABLE = 'room_fts';

/**
 * How the live index is declared (its columns, tokenizer, prefix indexes, detail), read from the
 * database itself, so the stage and the table swapped in are always declared as the migrations
 * last declared room_fts.
 */
export function readIndexDefinition(sqlite: Database.Database): string {
	const sql = sqlite
		.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`)
		.pluck()
		.get(INDEX_TABLE) as string | undefined;
	if (!sql) throw new Error(`${INDEX_TABLE} is missing: the database is not migrated`);
	return sql;
}

/** The same declaration for a table named `name`. */
export function renameIndexDefinition(definition: string, name: string): string {
	const renamed = definition.replace(/^CREATE VIRTUAL TABLE\s+["'`]?room_fts["'`]?/i, '');
	if (renamed === definition)
		throw new Error(`unexpected ${INDEX_TABLE} definition: ${definition}`);
	return `CREATE VIRTUAL TABLE ${name}${renamed}`;
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

/** FTS5's in-memory buffer in the stage: fewer, larger segments (the stage is a throwaway file). */
const STAGE_HASH_BYTES = 256 * 1024 * 1024;
/** The stage's page cache (KiB): the index being merged stays in memory. */
const STAGE_CACHE_KIB = 256 * 1024;

export interface IndexStage {
	readonly file: string;
	/** Adds tokenised rooms (each room once; ids in any order). */
	add(rows: readonly IndexRow[]): void;
	/** Commits and merges the stage into one segment, and closes it: ready to be installed. */
	finish(): { optimizeMs: number };
	/** Closes and deletes the stage without finishing it. */
	discard(): void;
}

/**
 * Opens a fresh stage: a file of its own with only room_fts in it, written without a journal or
 * syncs in one transaction (nobody else reads it, and a crash only loses the stage, which the next
 * rebuild replaces). Building here instead of in the live database is what makes a full rebuild
 * fast beside a live server: the live file's write lock is never held while FTS5 builds, so FTS5
 * can buffer hundreds of megabytes and merge once instead of writing a segment per short
 * transaction and merging them over and over.
 */
export function openIndexStage(file: string, definition: string): IndexStage {
	removeStageFile(file);
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = OFF');
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('locking_mode = EXCLUSIVE');
	sqlite.pragma(`cache_size = -${STAGE_CACHE_KIB}`);
	sqlite.exec(definition);
	sqlite.exec(
		`INSERT INTO ${INDEX_TABLE}(${INDEX_TABLE}, rank) VALUES('hashsize', ${STAGE_HASH_BYTES})`,
	);
	const insert = sqlite.prepare(
		`INSERT INTO ${INDEX_TABLE}(rowid, title, names, products, description, title_pinyin, names_pinyin)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
	);
	sqlite.exec('BEGIN');
	return {
		file,
		add(rows) {
			for (const row of rows) insert.run(row);
		},
		finish() {
			sqlite.exec('COMMIT');
			const started = performance.now();
			sqlite.exec(`INSERT INTO ${INDEX_TABLE}(${INDEX_TABLE}) VALUES('optimize')`);
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
