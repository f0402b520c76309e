import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
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
 * The worker's entry: the compiled module, or from TypeScript sources (tsx scripts, Vitest) a
 * small script that registers tsx's loader in the worker first, which workers do not inherit.
 */
function resolveWorker(): { entry: string | URL; eval: boolean } {
	if (!import.meta.url.endsWith('.ts'))
		return { entry: new URL('./rebuild-worker.js', import.meta.url), eval: false };
	const tsx = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
	const api = pathToFileURL(path.join(tsx, 'dist/esm/api/index.mjs')).href;
	const worker = new URL('./rebuild-worker.ts', import.meta.url).href;
	const script = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); });`;
	return { entry: script, eval: true };
}

/**
 * Tokenises in `count` worker threads, each with its own read-only connection to `file`; ranges
 * go to whichever worker is idle, in the order asked.
 */
export async function createWorkerTokeniser(file: string, count: number): Promise<Tokeniser> {
	const { entry, eval: isScript } = resolveWorker();
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
			const worker = new Worker(entry, { workerData: { file }, eval: isScript });
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
