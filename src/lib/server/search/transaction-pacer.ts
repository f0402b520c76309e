import type Database from 'better-sqlite3';

export interface PacerStats {
	transactions: number;
	/** Time inside write transactions, all of them (ms). */
	transactionMs: number;
	longestTransactionMs: number;
	/** The phase of the longest transaction. */
	longestPhase: string;
}

/** A batch size that follows how long its transactions take, towards the pacer's target. */
export class Batch {
	size: number;
	constructor(
		initial: number,
		readonly min: number,
		readonly max: number,
	) {
		this.size = initial;
	}

	/** Grows while well under the target (at most doubling), shrinks at once when over it. */
	follow(ms: number, targetMs: number): void {
		const factor = Math.min(2, targetMs / Math.max(ms, 1));
		this.size = Math.max(this.min, Math.min(this.max, Math.round(this.size * factor)));
	}
}

/**
 * Runs long work against a live database as many short write transactions, so the server's own
 * writes (which wait for the lock with busy_timeout, on its event loop) never wait much longer
 * than `targetMs`: each transaction is timed, the batch that sized it follows the time, and a turn
 * of the event loop comes between transactions.
 */
export class TransactionPacer {
	readonly #stats: PacerStats = {
		transactions: 0,
		transactionMs: 0,
		longestTransactionMs: 0,
		longestPhase: '',
	};
	/** What the transactions are doing now, for the statistics. */
	phase = '';

	constructor(
		private readonly sqlite: Database.Database,
		private readonly targetMs: number,
		private readonly afterTransaction?: () => void | Promise<void>,
	) {}

	/** Runs `work` in one IMMEDIATE transaction (it takes the write lock at once). */
	async run<T>(work: () => T, batch?: Batch): Promise<T> {
		const started = performance.now();
		const result = this.sqlite.transaction(work).immediate();
		const ms = performance.now() - started;
		this.#stats.transactions += 1;
		this.#stats.transactionMs += ms;
		if (ms > this.#stats.longestTransactionMs) {
			this.#stats.longestTransactionMs = ms;
			this.#stats.longestPhase = this.phase;
		}
		batch?.follow(ms, this.targetMs);
		await this.afterTransaction?.();
		await new Promise((resolve) => setImmediate(resolve));
		return result;
	}

	stats(): PacerStats {
		return {
			...this.#stats,
			transactionMs: Math.round(this.#stats.transactionMs),
			longestTransactionMs: Math.round(this.#stats.longestTransactionMs),
		};
	}
}
