import type { Clock } from '../clock';
import type { Db } from '../db';
import { buildDocuments, type RoomDocument } from './documents';
import { createOutboxStore, type OutboxRow } from './outbox-store';

/**
 * Where the outbox worker sends documents: the Meilisearch index, or any object with these
 * methods. Each resolves only once the engine has confirmed the write (for Meilisearch: the task
 * succeeded), because the worker deletes outbox rows on that promise.
 */
export interface SearchSink {
	upsertDocuments(documents: RoomDocument[]): Promise<void>;
	deleteDocuments(ids: number[]): Promise<void>;
}

/**
 * The engine looked at this write and refused it (e.g. an invalid document): the rows are at
 * fault and back off one by one. Any other error means the engine is down or unreachable.
 */
export class SearchSinkRejectedError extends Error {
	override name = 'SearchSinkRejectedError';
}

export interface OutboxTimers {
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface OutboxWorkerOptions {
	db: Db;
	sink: SearchSink;
	clock: Clock;
	timers?: OutboxTimers;
	/** Uniform in [0, 1): the jitter source. */
	random?: () => number;
	batchSize?: number;
	/** How often an idle worker looks for new rows. */
	pollMs?: number;
	/** First retry delay of a rejected row; doubles per attempt up to maxDelayMs. */
	baseDelayMs?: number;
	maxDelayMs?: number;
	/** First pause when the engine is down; doubles per failed try up to maxPauseMs. */
	basePauseMs?: number;
	maxPauseMs?: number;
	/** How long a claimed row is left alone, in case this process dies mid-push. */
	leaseMs?: number;
	log?: (message: string) => void;
}

export interface OutboxTick {
	outcome: 'idle' | 'sent' | 'rejected' | 'unavailable' | 'paused';
	/** Rows claimed in this tick, and those whose change the engine confirmed (deleted). */
	claimed: number;
	removed: number;
	/** When the worker should look again. */
	nextDelayMs: number;
}

export interface OutboxWorker {
	/** Claims one batch of due rows and pushes it. */
	runOnce(): Promise<OutboxTick>;
	/** Runs batches until none is due or the engine is down; returns the rows removed. */
	drain(): Promise<number>;
	start(): void;
	/** Stops polling and waits for the batch in flight, which is then settled in the database. */
	stop(): Promise<void>;
}

/** Attempts stop growing here (the delay is capped long before); the row is retried forever. */
export const MAX_ATTEMPTS = 30;

type Failure = 'rejected' | 'unavailable';

/** A delay of `base * 2^(n-1)`, capped, with "equal jitter": uniform in [delay/2, delay). */
export function computeBackoffMs(
	failures: number,
	baseMs: number,
	maxMs: number,
	random: () => number,
): number {
	const delay = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures, 1) - 1, 40));
	return Math.floor(delay / 2 + (random() * delay) / 2);
}

const unrefTimers: OutboxTimers = {
	setTimeout: (run, ms) => setTimeout(run, ms).unref(),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The worker that drains `search_outbox` into the external engine. Each tick claims due rows with
 * a lease (outbox-store.ts); a write to a room meanwhile resets its row, so the row is deleted only
 * if the change the engine confirmed is still the latest: a change during a push is sent again,
 * even within the same millisecond. Public rooms are upserted, the others deleted.
 * - Rejected by the engine: those rows back off (`attempts` + 1, exponential with jitter, the
 *   delay capped at maxDelayMs and attempts at MAX_ATTEMPTS), retried slowly but forever.
 * - Engine down (network error, timeout, 5xx, bad key): the rows are released as they were and
 *   the whole worker pauses, exponentially up to maxPauseMs; nothing is dropped however long the
 *   outage lasts, and nothing is charged to the rows.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
	const { db, sink, clock } = options;
	const store = createOutboxStore(db);
	const random = options.random ?? Math.random;
	const timers = options.timers ?? unrefTimers;
	const batchSize = options.batchSize ?? 500;
	const pollMs = options.pollMs ?? 1000;
	const [baseDelay, maxDelay] = [options.baseDelayMs ?? 1000, options.maxDelayMs ?? 15 * 60_000];
	const [basePause, maxPause] = [options.basePauseMs ?? 1000, options.maxPauseMs ?? 60_000];
	const leaseMs = options.leaseMs ?? 5 * 60_000;
	const log = options.log ?? ((message: string) => console.warn(`search outbox: ${message}`));
	let outages = 0;
	let pausedUntil = 0;

	/** Settles a failed push on the rows still as claimed; says what kind of failure it was. */
	const settle = (rows: OutboxRow[], lease: number, error: unknown): Failure => {
		const rejected = error instanceof SearchSinkRejectedError;
		const now = clock.now().getTime();
		const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
		const plan = (row: OutboxRow) => {
			if (!rejected) return { attempts: row.attempts, nextAttemptAt: 0 };
			const attempts = Math.min(row.attempts + 1, MAX_ATTEMPTS);
			return {
				attempts,
				nextAttemptAt: now + computeBackoffMs(attempts, baseDelay, maxDelay, random),
			};
		};
		store.reschedule(rows, lease, plan, message);
		return rejected ? 'rejected' : 'unavailable';
	};

	const push = async (rows: OutboxRow[], lease: number, send: () => Promise<void>) => {
		if (rows.length === 0) return { removed: 0 };
		try {
			await send();
		} catch (error) {
			return { removed: 0, failure: settle(rows, lease, error) };
		}
		return { removed: store.acknowledge(rows, lease) };
	};

	const runOnce = async (): Promise<OutboxTick> => {
		const now = clock.now().getTime();
		if (now < pausedUntil) {
			return { outcome: 'paused', claimed: 0, removed: 0, nextDelayMs: pausedUntil - now };
		}
		const lease = now + leaseMs;
		const rows = store.claimDue(now, lease, batchSize);
		if (rows.length === 0) return { outcome: 'idle', claimed: 0, removed: 0, nextDelayMs: pollMs };
		const { documents, missingIds } = buildDocuments(
			db,
			rows.map((row) => row.roomId),
		);
		const missing = new Set(missingIds);
		const upsertRows = rows.filter((row) => !missing.has(row.roomId));
		const deleteRows = rows.filter((row) => missing.has(row.roomId));
		const upserts: { removed: number; failure?: Failure } = await push(upsertRows, lease, () =>
			sink.upsertDocuments(documents),
		);
		const deletes =
			upserts.failure === 'unavailable'
				? { removed: 0, failure: settle(deleteRows, lease, new Error('engine unavailable')) }
				: await push(deleteRows, lease, () => sink.deleteDocuments(missingIds));
		const removed = upserts.removed + deletes.removed;
		const failure = upserts.failure ?? deletes.failure;
		if (failure === 'unavailable') {
			outages += 1;
			const pause = computeBackoffMs(outages, basePause, maxPause, random);
			pausedUntil = clock.now().getTime() + pause;
			if (outages === 1 || outages % 60 === 0)
				log(`engine down (${outages}x), pausing ${pause} ms`);
			return { outcome: 'unavailable', claimed: rows.length, removed, nextDelayMs: pause };
		}
		outages = 0;
		return { outcome: failure ?? 'sent', claimed: rows.length, removed, nextDelayMs: 0 };
	};

	let running = false;
	let timer: unknown;
	let inFlight: Promise<void> | undefined;
	const schedule = (ms: number): void => {
		timer = timers.setTimeout(() => {
			timer = undefined;
			inFlight = runOnce()
				.catch((error: unknown) => {
					log(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
					return { nextDelayMs: pollMs };
				})
				.then((tick) => {
					inFlight = undefined;
					if (running) schedule(tick.nextDelayMs);
				});
		}, ms);
	};

	return {
		runOnce,
		async drain() {
			let removed = 0;
			for (;;) {
				const tick = await runOnce();
				removed += tick.removed;
				if (tick.outcome !== 'sent' && tick.outcome !== 'rejected') return removed;
			}
		},
		start() {
			if (running) return;
			running = true;
			schedule(0);
		},
		async stop() {
			running = false;
			if (timer !== undefined) timers.clearTimeout(timer);
			timer = undefined;
			await inFlight;
		},
	};
}
