import type Database from 'better-sqlite3';
import { locateSiblingModule, startModuleWorker } from '../worker-thread';
import {
	installIndexStage,
	type InstallOptions,
	type InstallRefusal,
	type InstallSummary,
} from './index-install';
import { openIndexStage, type IndexDefinitions } from './index-stage';
import type { IndexRow } from './index-schema';

/** Builds a stage and installs it (see index-stage.ts and index-install.ts), on some thread. */
export interface StageBuilder {
	add(rows: IndexRow[]): Promise<void>;
	finish(): Promise<{ optimizeMs: number }>;
	install(fromSeq: number, options: InstallOptions): Promise<InstallSummary | InstallRefusal>;
	/** Ends the builder; deletes the stage if it was not installed. */
	close(): Promise<void>;
}

export interface StageWorkerData {
	file: string;
	stageFile: string;
	definitions: IndexDefinitions;
}

type StageCall =
	| { kind: 'add'; rows: IndexRow[] }
	| { kind: 'finish' }
	| { kind: 'install'; fromSeq: number; targetMs: number }
	| { kind: 'discard' };

export type StageRequest = StageCall & { id: number };

export type StageReply = { id: number; result: unknown } | { id: number; error: string };

/** The stage on this thread: for databases in memory and tests that write between transactions. */
export function createInlineStageBuilder(
	sqlite: Database.Database,
	stageFile: string,
	definitions: IndexDefinitions,
): StageBuilder {
	const stage = openIndexStage(stageFile, definitions);
	return {
		async add(rows) {
			stage.add(rows);
			await new Promise((resolve) => setImmediate(resolve));
		},
		async finish() {
			return stage.finish();
		},
		install(fromSeq, options) {
			return installIndexStage(sqlite, stageFile, fromSeq, options);
		},
		async close() {
			stage.discard();
		},
	};
}

/**
 * The stage on a thread of its own (stage-worker.ts), which installs it through its own connection
 * to `data.file`. A transaction hook cannot cross threads: writers beside it are real writers.
 */
export async function createStageWorker(data: StageWorkerData): Promise<StageBuilder> {
	const entry = locateSiblingModule(import.meta.url, 'stage-worker');
	const worker = startModuleWorker(entry, { workerData: data });
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let nextId = 1;
	let failure: Error | undefined;
	const failAll = (error: Error): void => {
		failure ??= error;
		for (const p of pending.values()) p.reject(error);
		pending.clear();
	};
	worker.on('message', (reply: StageReply) => {
		const waiting = pending.get(reply.id);
		pending.delete(reply.id);
		if ('error' in reply) waiting?.reject(new Error(`search stage: ${reply.error}`));
		else waiting?.resolve(reply.result);
	});
	worker.on('error', failAll);
	worker.on('exit', (code) => failAll(new Error(`the search stage thread exited (${code})`)));
	await new Promise<void>((resolve, reject) => {
		worker.once('online', resolve);
		worker.once('error', reject);
	});
	const call = <T>(request: StageCall): Promise<T> => {
		if (failure) return Promise.reject(failure);
		const id = nextId++;
		return new Promise<T>((resolve, reject) => {
			pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			worker.postMessage({ ...request, id });
		});
	};
	return {
		add: (rows) => call({ kind: 'add', rows }),
		finish: () => call({ kind: 'finish' }),
		install: (fromSeq, options) => call({ kind: 'install', fromSeq, targetMs: options.targetMs }),
		async close() {
			if (!failure) await call({ kind: 'discard' }).catch(() => {});
			await worker.terminate();
		},
	};
}
