import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * WAL checkpoints on a thread of their own. SQLite checkpoints on the connection whose commit
 * finds the WAL over 1,000 pages, synchronously: on the server's connection that is the event
 * loop. After an online backup (which holds one read snapshot for 40 s at 270,000 rooms, so
 * nothing could be checkpointed meanwhile) the WAL held every write of those 40 s, and the next
 * room save copied and synced it all before answering — while the portal waited. The server's
 * connection therefore never checkpoints (`wal_autocheckpoint = 0`); this thread's connection runs
 * a PASSIVE checkpoint every second (it neither waits for readers nor blocks writers).
 */

/** The thread's code: plain CommonJS, since the bundled server has no module of its own for it. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const run = () => {
	try {
		const [result] = db.pragma('wal_checkpoint(PASSIVE)');
		parentPort.postMessage({ result });
	} catch (error) {
		parentPort.postMessage({ error: String(error && error.message) });
	}
};
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', () => {
	clearInterval(timer);
	db.close();
	parentPort.close();
});
`;

export interface CheckpointResult {
	/** 1 when a writer or another checkpoint kept this one from finishing. */
	busy: number;
	/** Frames in the WAL, and how many of them are now in the database file. */
	log: number;
	checkpointed: number;
}

export interface Checkpointer {
	stop(): Promise<void>;
}

/**
 * Turns automatic checkpoints off on `sqlite` (the server's connection) and starts the thread
 * that checkpoints `file` every `everyMs`. `onResult` hears each checkpoint (tests).
 */
export function startCheckpointer(
	sqlite: Database.Database,
	file: string,
	options: { everyMs?: number; onResult?: (result: CheckpointResult) => void } = {},
): Checkpointer {
	sqlite.pragma('wal_autocheckpoint = 0');
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(THREAD, {
		eval: true,
		workerData: { file, driver, everyMs: options.everyMs ?? 1_000 },
	});
	worker.unref();
	let lastError = '';
	worker.on('message', (message: { result?: CheckpointResult; error?: string }) => {
		if (message.result) options.onResult?.(message.result);
		if (message.error && message.error !== lastError) {
			console.error(`livefest: WAL checkpoint failed: ${message.error}`);
		}
		lastError = message.error ?? '';
	});
	worker.on('error', (error) => console.error(`livefest: checkpoint thread: ${error.message}`));
	return {
		stop() {
			return new Promise((resolve) => {
				// Held while it stops (it is unref'd so as not to keep a stopping process alive).
				worker.ref();
				worker.once('exit', () => resolve());
				worker.postMessage('stop');
				setTimeout(() => void worker.terminate(), 2_000).unref();
			});
		},
	};
}
