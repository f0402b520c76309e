import type { Db } from '../db';
import { readPidLock, tryTakePidLock } from '../pid-lock';
import type { InstallSummary } from './index-install';
import { locateIndexStage, readIndexDefinitions } from './index-stage';
import {
	countDefaultWorkers,
	createInlineTokeniser,
	createWorkerTokeniser,
	type Tokeniser,
} from './rebuild-pool';
import type { TokenisedChunk } from './rebuild-source';
import { createInlineStageBuilder, createStageWorker, type StageBuilder } from './stage-thread';

export interface RebuildOptions {
	/**
	 * Worker threads that tokenise (default: one per core, up to 4), beside one that builds the
	 * stage and installs it; 0 does everything on this thread (databases in memory, tests).
	 */
	workers?: number;
	/** Room ids per tokenised range (default 2,000). */
	chunkRooms?: number;
	/**
	 * Target length of each write transaction in the live database (default 25 ms), so writers
	 * beside it (the live server) wait at most about that long.
	 */
	maxTransactionMs?: number;
	/** Called after every committed transaction; only with `workers: 0` (tests write between them). */
	afterTransaction?: () => void | Promise<void>;
}

export interface RebuildSummary extends Omit<InstallSummary, 'phases'> {
	rooms: number;
	workers: number;
	/** Builds started: more than one when a festival-wide change or a pruned log voided a stage. */
	attempts: number;
	ms: number;
	/** Where the time went: tokenising and staging, merging the stage, then installing it. */
	phases: { stageMs: number; optimizeMs: number } & InstallSummary['phases'];
}

/**
 * Whether the embedded index is empty while there are public rooms to find: after a migration
 * that declared the index anew (which leaves it empty rather than hold the database for minutes),
 * or a bulk load whose index build was cut short.
 */
export function isSearchIndexMissing(db: Db): boolean {
	return (
		db.$client
			.prepare(
				`SELECT NOT EXISTS (SELECT 1 FROM room_fts_han_docsize)
					AND EXISTS (SELECT 1 FROM room_search_source)`,
			)
			.pluck()
			.get() === 1
	);
}

/** A stage voided by changes made meanwhile is built again, this many times in all at most. */
const MAX_ATTEMPTS = 3;

/**
 * Rebuilds the embedded index (room_fts) from `room_search_source` and queues every room for the
 * external engine's outbox, beside a live server. Rooms are tokenised in worker threads and written
 * into a stage, a file of its own (index-stage.ts), by another, which then installs it in the live
 * database in short transactions (index-install.ts): the live index stays complete and searched
 * throughout, writers wait at most about `maxTransactionMs`, and rooms written meanwhile are
 * re-indexed from the change log before the swap. One rebuild at a time per database (a lock file
 * beside the stage).
 */
export async function rebuildSearchIndex(
	db: Db,
	options: RebuildOptions = {},
): Promise<RebuildSummary> {
	const started = performance.now();
	const sqlite = db.$client;
	const stageFile = locateIndexStage(sqlite.name);
	const lock = `${stageFile}.lock`;
	const unlock = tryTakePidLock(lock);
	if (!unlock) {
		throw new Error(`search rebuild: another rebuild (process ${readPidLock(lock)}) is running`);
	}
	try {
		for (let attempt = 1; ; attempt++) {
			const built = await buildOnce(db, stageFile, options);
			if (typeof built.install !== 'string') {
				const { phases, ...install } = built.install;
				return {
					...install,
					rooms: built.rooms,
					workers: built.workers,
					attempts: attempt,
					ms: Math.round(performance.now() - started),
					phases: { stageMs: built.stageMs, optimizeMs: built.optimizeMs, ...phases },
				};
			}
			if (attempt === MAX_ATTEMPTS) {
				throw new Error(`search rebuild: gave up after ${attempt} attempts (${built.install})`);
			}
		}
	} finally {
		unlock();
	}
}

interface Built {
	rooms: number;
	workers: number;
	stageMs: number;
	optimizeMs: number;
	install: Awaited<ReturnType<StageBuilder['install']>>;
}

async function buildOnce(db: Db, stageFile: string, options: RebuildOptions): Promise<Built> {
	const sqlite = db.$client;
	const started = performance.now();
	// Every room written after this seq is re-indexed before the swap, whatever the stage read.
	const fromSeq = sqlite
		.prepare('SELECT coalesce(max(seq), 0) FROM search_change')
		.pluck()
		.get() as number;
	const { lo, hi } = sqlite.prepare('SELECT min(id) AS lo, max(id) AS hi FROM room').get() as {
		lo: number | null;
		hi: number | null;
	};
	const definitions = readIndexDefinitions(sqlite);
	const wanted = sqlite.memory ? 0 : (options.workers ?? countDefaultWorkers());
	const tokeniser: Tokeniser =
		wanted > 0 ? await createWorkerTokeniser(sqlite.name, wanted) : createInlineTokeniser(sqlite);
	let builder: StageBuilder | undefined;
	try {
		builder =
			wanted > 0
				? await createStageWorker({ file: sqlite.name, stageFile, definitions })
				: createInlineStageBuilder(sqlite, stageFile, definitions);
		const rooms = await stageRooms(tokeniser, builder, lo ?? 1, hi ?? 0, options.chunkRooms);
		const { optimizeMs } = await builder.finish();
		const stageMs = Math.round(performance.now() - started) - optimizeMs;
		const install = await builder.install(fromSeq, {
			targetMs: options.maxTransactionMs ?? 25,
			afterTransaction: options.afterTransaction,
		});
		return { rooms, workers: tokeniser.workers, stageMs, optimizeMs, install };
	} finally {
		await tokeniser.close();
		await builder?.close();
	}
}

/**
 * Tokenises [lo, hi] in ranges, several at once, and hands each to the builder in id order, with
 * at most two ranges waiting for it (the builder is usually the slower side).
 */
async function stageRooms(
	tokeniser: Tokeniser,
	builder: StageBuilder,
	lo: number,
	hi: number,
	chunkRooms = 2000,
): Promise<number> {
	const size = Math.max(1, chunkRooms);
	const ranges: [number, number][] = [];
	for (let from = lo; from <= hi; from += size) ranges.push([from, Math.min(hi, from + size - 1)]);
	const depth = Math.max(2, tokeniser.workers * 2);
	const tokenising: Promise<TokenisedChunk>[] = [];
	const adding: Promise<void>[] = [];
	let next = 0;
	const launch = (): void => {
		if (next >= ranges.length) return;
		const chunk = tokeniser.tokenise(...ranges[next++]!);
		chunk.catch(() => {}); // awaited in order below; this only keeps a failure from being unhandled
		tokenising.push(chunk);
	};
	for (let i = 0; i < depth; i++) launch();
	let rooms = 0;
	while (tokenising.length > 0) {
		const chunk = await tokenising.shift()!;
		launch();
		rooms += chunk.rows.length;
		adding.push(builder.add(chunk.rows));
		if (adding.length >= 2) await adding.shift();
	}
	await Promise.all(adding);
	return rooms;
}
