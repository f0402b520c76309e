import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { locateSiblingModule, startModuleWorker } from '../worker-thread';
import { tokeniseRange, type TokenisedChunk } from './rebuild-source';

/** Tokenises ranges of rooms, in worker threads or in this one. */
export interface Tokeniser {
	workers: number;
	tokenise(lo: number, hi: number): Promise<TokenisedChunk>;
	close(): Promise<void>;
}

/** How many worker threads by default: one per core (the writer mostly waits on SQLite). */
export function countDefaultWorkers(): number {
	return Math.max(1, Math.min(4, availableParallelism()));
}

/** Tokenises on this thread, a turn of the event loop before each range. */
export function createInlineTokeniser(sqlite: Database.Database): Tokeniser {
	return {
		workers: 0,
		async tokenise(lo, hi) {
			await new Promise((resolve) => setImmediate(resolve));
			return tokeniseRange(sqlite, lo, hi);
		},
		async close() {},
	};
}

/**
 * Tokenises in `count` worker threads, each with its own read-only connection to `file`; ranges
 * go to whichever worker is idle, in the order asked.
 */
export async function createWorkerTokeniser(file: string, count: number): Promise<Tokeniser> {
	const entry = locateSiblingModule(import.meta.url, 'rebuild-worker');
	const idle: Worker[] = [];
	const queue: {
		lo: number;
		hi: number;
		resolve: (c: TokenisedChunk) => void;
		reject: (e: Error) => void;
	}[] = [];
	const busy = new Map<Worker, (typeof queue)[number]>();
	const dispatch = (): void => {
		while (idle.length > 0 && queue.length > 0) {
			const worker = idle.pop()!;
			const job = queue.shift()!;
			busy.set(worker, job);
			worker.postMessage({ lo: job.lo, hi: job.hi });
		}
	};
	const workers = await Promise.all(
		Array.from({ length: count }, async () => {
			const worker = startModuleWorker(entry, { workerData: { file } });
			worker.on('message', (message: { chunk?: TokenisedChunk; error?: string }) => {
				const job = busy.get(worker);
				busy.delete(worker);
				idle.push(worker);
				if (message.chunk) job?.resolve(message.chunk);
				else job?.reject(new Error(`rebuild worker: ${message.error}`));
				dispatch();
			});
			worker.on('error', (error) => {
				busy.get(worker)?.reject(error);
				busy.delete(worker);
			});
			await new Promise<void>((resolve, reject) => {
				worker.once('online', resolve);
				worker.once('error', reject);
			});
			idle.push(worker);
			return worker;
		}),
	);
	return {
		workers: count,
		tokenise(lo, hi) {
			return new Promise((resolve, reject) => {
				queue.push({ lo, hi, resolve, reject });
				dispatch();
			});
		},
		async close() {
			await Promise.all(
				workers.map(
					(worker) =>
						new Promise<void>((resolve) => {
							worker.once('exit', () => resolve());
							worker.postMessage(null);
						}),
				),
			);
		},
	};
}
