import { isMainThread, parentPort, type Worker, workerData } from 'node:worker_threads';
import { openDatabase, type Db } from '../db';
import { startModuleWorker } from '../worker-thread';
import type { Festival } from '../festival/current';
import { applySyncListing, type SyncListingInput } from '../sync/listing-apply';
import { saveVenue, type VenueWrite, type VenueWriteContext } from '../venue/apply-venues';
import { parseLiveInfo, type RefusedRow } from '../wechat/live-info';
import { importLiveRooms, type ImportContext, type ImportRow } from './import';

/**
 * Runs room imports (room/import.ts), sync writes (sync/listing-apply.ts) and venue saves whose
 * rule re-reads a district's rooms (venue/apply-venues.ts) on a worker thread
 * with a SQLite connection of its own, so a 5,000-room import — one transaction of several seconds
 * at the festival's size — never holds the server's event loop: visitors are served while it
 * runs. Each stays one transaction, so it is still all or nothing (a server killed in the middle
 * leaves none of the rooms). While it holds SQLite's write lock, another write on the server waits
 * for it (busy_timeout), as it would for any writer.
 *
 * The thread is this module itself, loaded again as the worker's entry (in the built server, the
 * chunk this module was bundled into; under tsx, this file), started on first use and kept: its
 * start (the schema, the search functions, pinyin) costs once. It keeps the process alive only
 * while a job runs, and `stopImportThread` ends it.
 */

const MARK = 'livefest-import-thread';

type ThreadContext = Omit<ImportContext, 'onProgress'>;

type Job =
	| { kind: 'import'; bytes: Uint8Array; maxBytes: number; ctx: ThreadContext }
	| { kind: 'sync'; input: SyncListingInput }
	| { kind: 'venue'; input: VenueSave };

/** A console save of one venue, as plain data that crosses to the thread. */
export interface VenueSave {
	festival: Festival;
	venueId: number | undefined;
	spec: unknown;
	ctx: VenueWriteContext;
}

/**
 * An import's answer: the report of each imported row and of each refused one, or the parser's
 * refusal of the whole file (nothing was written).
 */
export type FileImport =
	{ ok: true; rows: ImportRow[]; refused: RefusedRow[] } | { ok: false; message: string };

interface JobResults {
	import: FileImport;
	sync: { rows: ImportRow[]; missing: number };
	venue: VenueWrite;
}

type Task = Job & { id: number; file: string };
type Reply = { id: number; result: unknown } | { id: number; error: string };

interface Pending {
	resolve: (result: unknown) => void;
	reject: (error: Error) => void;
}

let thread: { worker: Worker; pending: Map<number, Pending> } | undefined;
let nextId = 1;

function startThread(): NonNullable<typeof thread> {
	const options = { workerData: { [MARK]: true } };
	const worker = startModuleWorker(import.meta.url, options);
	const started = { worker, pending: new Map<number, Pending>() };
	const failAll = (error: Error): void => {
		if (thread === started) thread = undefined;
		for (const p of started.pending.values()) p.reject(error);
		started.pending.clear();
	};
	worker.on('message', (reply: Reply) => {
		const waiting = started.pending.get(reply.id);
		started.pending.delete(reply.id);
		if (started.pending.size === 0) worker.unref();
		if (!waiting) return;
		if ('error' in reply) waiting.reject(new Error(reply.error));
		else waiting.resolve(reply.result);
	});
	worker.on('error', failAll);
	worker.on('exit', (code) => failAll(new Error(`the import thread exited (${code})`)));
	// Held open only while a job runs (after the listeners: adding one refs the worker again).
	worker.unref();
	return started;
}

/** Runs `job` on the thread for the database file `file`, starting the thread if need be. */
function runOnThread<K extends Job['kind']>(
	file: string,
	job: Extract<Job, { kind: K }>,
): Promise<JobResults[K]> {
	thread ??= startThread();
	const { worker, pending } = thread;
	const id = nextId++;
	return new Promise<JobResults[K]>((resolve, reject) => {
		if (pending.size === 0) worker.ref();
		pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
		worker.postMessage({ ...job, id, file } satisfies Task);
	});
}

/** The file of a connection, or undefined for a database only that connection can see. */
function fileOf(db: Db): string | undefined {
	const name = db.$client.name;
	return name === '' || name === ':memory:' ? undefined : name;
}

/** Parses a `getliveinfo` file and imports its rooms, wherever it runs. */
function importFile(db: Db, bytes: Uint8Array, maxBytes: number, ctx: ThreadContext): FileImport {
	const parsed = parseLiveInfo(bytes, maxBytes);
	if (!parsed.ok) return parsed;
	return { ok: true, rows: importLiveRooms(db, parsed.rooms, ctx), refused: parsed.refused };
}

/**
 * Parses a `getliveinfo` file (5,000 rooms: tens of milliseconds of JSON and schema checks) and
 * imports it with `importLiveRooms`, both on the import thread, against `db`'s file (the server's
 * own). Resolves with the per-row report or the parser's refusal; rejects with the thread's
 * error, having changed nothing.
 */
export async function importLiveInfoOffThread(
	db: Db,
	bytes: Uint8Array,
	maxBytes: number,
	ctx: ThreadContext,
): Promise<FileImport> {
	const file = fileOf(db);
	if (!file) return importFile(db, bytes, maxBytes, ctx);
	// Only the context's data crosses: the business, festival and actor rows, the clock's now.
	const { business, festival, actor, now, mode } = ctx;
	const context = { business, festival, actor, now, mode };
	return runOnThread(file, { kind: 'import', bytes, maxBytes, ctx: context });
}

/** `applySyncListing` on the import thread, against `db`'s file. */
export async function applySyncListingOffThread(
	db: Db,
	input: SyncListingInput,
): Promise<JobResults['sync']> {
	const file = fileOf(db);
	if (!file) return applySyncListing(db, input);
	return runOnThread(file, { kind: 'sync', input });
}

/**
 * `saveVenue` on the import thread: a rule naming a district re-reads tens of thousands of rooms
 * at the real festival's size (the membership triggers, in the save's one transaction).
 */
export async function saveVenueOffThread(db: Db, input: VenueSave): Promise<VenueWrite> {
	const file = fileOf(db);
	if (!file) return saveVenue(db, input.festival, input.venueId, input.spec, input.ctx);
	return runOnThread(file, { kind: 'venue', input });
}

/** Ends the import thread (the server's shutdown, after its requests are done). */
export async function stopImportThread(): Promise<void> {
	const running = thread;
	thread = undefined;
	await running?.worker.terminate();
}

/** The thread's side: one connection per database file, one job at a time, in order sent. */
function serveJobs(): void {
	const connections = new Map<string, Db>();
	parentPort!.on('message', (task: Task) => {
		let reply: Reply;
		try {
			let db = connections.get(task.file);
			if (!db) connections.set(task.file, (db = openDatabase(task.file, { migrate: false })));
			const result =
				task.kind === 'import'
					? importFile(db, task.bytes, task.maxBytes, task.ctx)
					: task.kind === 'venue'
						? saveVenue(
								db,
								task.input.festival,
								task.input.venueId,
								task.input.spec,
								task.input.ctx,
							)
						: applySyncListing(db, task.input);
			reply = { id: task.id, result };
		} catch (error) {
			reply = { id: task.id, error: (error as Error).message };
		}
		parentPort!.postMessage(reply);
	});
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[MARK] === true) {
	serveJobs();
}
