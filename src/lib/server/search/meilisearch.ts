import {
	Meilisearch,
	MeilisearchApiError,
	type EnqueuedTask,
	type EnqueuedTaskPromise,
	type Task,
} from 'meilisearch';
import type { Db } from '../db';
import { buildDocuments, hashDocument, listAllDocuments, type RoomDocument } from './documents';
import { buildSearchPlan, readSearchPlan, ROOM_INDEX_SETTINGS } from './meilisearch-query';
import { SearchSinkRejectedError, type SearchSink } from './outbox';
import { clearOutboxRows, readOutboxSnapshot } from './outbox-store';
import type { SearchIndex } from './types';

export interface MeilisearchConfig {
	url: string;
	key?: string;
	index: string;
	/** Each search request is aborted after this; searchWithFallback answers from FTS5 sooner. */
	searchTimeoutMs?: number;
	/** Each write or admin request is aborted after this. */
	requestTimeoutMs?: number;
	/** How long to wait for Meilisearch to finish one write task before calling it down. */
	taskTimeoutMs?: number;
}

export interface RebuildSummary {
	index: string;
	documents: number;
	/** Rooms that changed while the new index was built, re-sent after the swap. */
	caughtUp: number;
	outboxCleared: number;
}

/** The Meilisearch engine: a SearchIndex, the outbox worker's sink, and a rebuild by index swap. */
export interface MeilisearchIndex extends SearchIndex, SearchSink {
	readonly uid: string;
	/** Creates the index if missing and applies the settings; done once before the first write. */
	ensureIndex(): Promise<void>;
	rebuildBySwap(report?: (line: string) => void): Promise<RebuildSummary>;
}

const REBUILD_TASK_TIMEOUT_MS = 10 * 60_000;
const PAGE = 1000;

class TaskFailedError extends Error {
	constructor(readonly task: Task) {
		super(
			`meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? ''}`,
		);
	}
}

/**
 * Whether Meilisearch refused the request itself (bad document, bad settings), as opposed to
 * being unreachable, slow, misconfigured (401/403) or broken: only a refusal is the rows' fault,
 * anything else is an outage the worker waits out without charging the rows.
 */
export function isRejection(error: unknown): boolean {
	if (error instanceof TaskFailedError) {
		return error.task.status === 'failed' && error.task.error?.type === 'invalid_request';
	}
	if (error instanceof MeilisearchApiError) {
		const status = error.response.status;
		return status >= 400 && status < 500 && ![401, 403, 404, 408, 429].includes(status);
	}
	return false;
}

const isCode = (error: unknown, code: string): boolean =>
	(error instanceof MeilisearchApiError && error.cause?.code === code) ||
	(error instanceof TaskFailedError && error.task.error?.code === code);

/**
 * Meilisearch behind the SearchIndex interface. Searches use their own client whose per-request
 * timeout is the search timeout, so an abandoned request does not linger; writes wait until the
 * task has succeeded (a write is only "done" when Meilisearch says so, which is what lets the
 * outbox delete its rows). Documents come from documents.ts; queries from meilisearch-query.ts.
 */
export function createMeilisearchIndex(db: Db, config: MeilisearchConfig): MeilisearchIndex {
	const uid = config.index;
	const taskTimeout = config.taskTimeoutMs ?? 60_000;
	const client = (timeout: number) =>
		new Meilisearch({ host: config.url, apiKey: config.key, timeout });
	const searcher = client(config.searchTimeoutMs ?? 1000);
	const admin = client(config.requestTimeoutMs ?? 10_000);

	const confirm = async (pending: EnqueuedTaskPromise, timeout = taskTimeout): Promise<Task> => {
		const task = await pending.waitTask({ timeout, interval: 50 });
		if (task.status !== 'succeeded') throw new TaskFailedError(task);
		return task;
	};
	const confirmAll = async (enqueued: EnqueuedTask[]): Promise<void> => {
		const tasks = await admin.tasks.waitForTasks(enqueued, { timeout: REBUILD_TASK_TIMEOUT_MS });
		const failed = tasks.find((task) => task.status !== 'succeeded');
		if (failed) throw new TaskFailedError(failed);
	};
	const createIndex = async (name: string): Promise<void> => {
		try {
			await confirm(admin.createIndex(name, { primaryKey: 'id' }));
		} catch (error) {
			if (!isCode(error, 'index_already_exists')) throw error;
		}
	};
	let ensured: Promise<void> | undefined;
	const ensureIndex = (): Promise<void> => {
		ensured ??= (async () => {
			await createIndex(uid);
			await confirm(admin.index(uid).updateSettings(ROOM_INDEX_SETTINGS));
		})().catch((error: unknown) => {
			ensured = undefined;
			throw error;
		});
		return ensured;
	};
	/**
	 * Runs one write and waits for its task. Only a refusal of the write itself becomes the
	 * outbox's rejected error; a failure to prepare the index is never the rows' fault.
	 */
	const write = async (work: () => EnqueuedTaskPromise): Promise<void> => {
		await ensureIndex();
		try {
			await confirm(work());
		} catch (error) {
			if (!isRejection(error)) throw error;
			throw new SearchSinkRejectedError((error as Error).message, { cause: error });
		}
	};
	const upsertDocuments = async (documents: RoomDocument[]): Promise<void> => {
		if (documents.length > 0) {
			await write(() => admin.index(uid).addDocuments(documents, { primaryKey: 'id' }));
		}
	};
	const deleteDocuments = async (ids: number[]): Promise<void> => {
		if (ids.length > 0) await write(() => admin.index(uid).deleteDocuments(ids));
	};
	const pushPages = async (
		target: string,
		pages: Iterable<RoomDocument[]>,
		onPage: (page: RoomDocument[]) => RoomDocument[],
	): Promise<number> => {
		const enqueued: EnqueuedTask[] = [];
		let sent = 0;
		for (const page of pages) {
			const changed = onPage(page);
			if (changed.length === 0) continue;
			enqueued.push(await admin.index(target).addDocuments(changed, { primaryKey: 'id' }));
			sent += changed.length;
		}
		await confirmAll(enqueued);
		return sent;
	};

	/**
	 * Builds `<index>_<timestamp>` with the settings and every public room, swaps it with the live
	 * index in one atomic task, then re-sends the rooms whose document changed while it was being
	 * built (the outbox worker wrote those to the old index) and deletes what became non-public.
	 * Finally it deletes the old index and the outbox rows it covered (read before the build and
	 * unchanged since); later changes stay queued for the worker.
	 */
	const rebuildBySwap = async (
		report: (line: string) => void = () => {},
	): Promise<RebuildSummary> => {
		const next = `${uid}_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
		const covered = readOutboxSnapshot(db);
		const hashes = new Map<number, string>();
		let swapped = false;
		report(`creating ${next}`);
		try {
			await createIndex(next);
			await confirm(admin.index(next).updateSettings(ROOM_INDEX_SETTINGS), REBUILD_TASK_TIMEOUT_MS);
			const documents = await pushPages(next, listAllDocuments(db, PAGE), (page) => {
				for (const doc of page) hashes.set(doc.id, hashDocument(doc));
				report(`indexed ${hashes.size} rooms`);
				return page;
			});
			await createIndex(uid);
			report(`swapping ${next} with ${uid}`);
			await confirm(admin.swapIndexes([{ indexes: [uid, next], rename: false }]));
			swapped = true;
			const seen = new Set<number>();
			let caughtUp = await pushPages(uid, listAllDocuments(db, PAGE), (page) =>
				page.filter((doc) => seen.add(doc.id) && hashes.get(doc.id) !== hashDocument(doc)),
			);
			const gone = [...hashes.keys()].filter((id) => !seen.has(id));
			if (gone.length > 0) await confirm(admin.index(uid).deleteDocuments(gone));
			caughtUp += gone.length;
			report(`re-sent ${caughtUp} rooms changed during the build; deleting the old index`);
			await confirm(admin.deleteIndex(next)).catch((error: unknown) =>
				report(`warning: could not delete ${next}: ${(error as Error).message}`),
			);
			const outboxCleared = clearOutboxRows(db, covered);
			return { index: uid, documents, caughtUp, outboxCleared };
		} catch (error) {
			await admin.deleteIndexIfExists(next).catch(() => false);
			if (!swapped) throw error;
			const message = `swapped, but re-sending rooms changed meanwhile failed; rebuild again`;
			throw new Error(`${message}: ${(error as Error).message}`, { cause: error });
		}
	};

	return {
		name: 'meilisearch',
		uid,
		ensureIndex,
		upsertDocuments,
		deleteDocuments,
		rebuildBySwap,
		async search(request) {
			const plan = buildSearchPlan(uid, request);
			const response = await searcher.multiSearch({ queries: plan.queries });
			return readSearchPlan(request, plan, response.results);
		},
		async indexRoom(roomId) {
			const { documents, missingIds } = buildDocuments(db, [roomId]);
			await upsertDocuments(documents);
			await deleteDocuments(missingIds);
		},
		async removeRoom(roomId) {
			await deleteDocuments([roomId]);
		},
		async rebuild() {
			await rebuildBySwap();
		},
	};
}
