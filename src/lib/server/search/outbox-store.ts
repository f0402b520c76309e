import type { Db } from '../db';

/**
 * The SQL over `search_outbox` (db/schema/search.ts), kept apart from the worker's timing logic.
 * Rows are written by triggers in the same transaction as each change, which on every new change
 * set `changed_at` to now, `attempts` and `next_attempt_at` to 0 and `last_error` to NULL; every
 * statement here that settles a row checks `changed_at` (and the claim's lease) so it never
 * settles a newer change than the one it read.
 */

export interface OutboxRow {
	roomId: number;
	changedAt: number;
	attempts: number;
}

export interface OutboxStore {
	/**
	 * Claims up to `batchSize` due rows, fewest attempts first, by stamping them with `lease` (a
	 * future `next_attempt_at`), in one IMMEDIATE transaction. Rows that already failed n times are
	 * claimed in batches of batchSize / 2^n, so a bad document is soon sent alone.
	 */
	claimDue(now: number, lease: number, batchSize: number): OutboxRow[];
	/** Deletes the rows still exactly as claimed; returns how many. */
	acknowledge(rows: readonly OutboxRow[], lease: number): number;
	/** Sets attempts, next try and error on the rows still exactly as claimed. */
	reschedule(
		rows: readonly OutboxRow[],
		lease: number,
		plan: (row: OutboxRow) => { attempts: number; nextAttemptAt: number },
		error: string,
	): void;
}

/** The outbox statements, prepared once per worker. */
export function createOutboxStore(db: Db): OutboxStore {
	const sqlite = db.$client;
	const selectDue = sqlite.prepare(`SELECT room_id AS roomId, changed_at AS changedAt, attempts
		FROM search_outbox WHERE next_attempt_at <= ?
		ORDER BY attempts, next_attempt_at, room_id LIMIT ?`);
	const claimRow = sqlite.prepare(
		'UPDATE search_outbox SET next_attempt_at = ? WHERE room_id = ? AND changed_at = ?',
	);
	const ackRow = sqlite.prepare(
		'DELETE FROM search_outbox WHERE room_id = ? AND changed_at = ? AND next_attempt_at = ?',
	);
	const settleRow = sqlite.prepare(`UPDATE search_outbox
		SET attempts = ?, next_attempt_at = ?, last_error = ?
		WHERE room_id = ? AND changed_at = ? AND next_attempt_at = ?`);
	return {
		claimDue: (now, lease, batchSize) =>
			sqlite
				.transaction(() => {
					const due = selectDue.all(now, batchSize) as OutboxRow[];
					const size = Math.max(1, batchSize >> Math.min(due[0]?.attempts ?? 0, 30));
					const batch = due.slice(0, size);
					for (const row of batch) claimRow.run(lease, row.roomId, row.changedAt);
					return batch;
				})
				.immediate(),
		acknowledge: (rows, lease) =>
			sqlite.transaction(() =>
				rows.reduce((n, row) => n + ackRow.run(row.roomId, row.changedAt, lease).changes, 0),
			)(),
		reschedule: (rows, lease, plan, error) =>
			sqlite.transaction(() => {
				for (const row of rows) {
					const next = plan(row);
					settleRow.run(next.attempts, next.nextAttemptAt, error, row.roomId, row.changedAt, lease);
				}
			})(),
	};
}

export type OutboxSnapshotRow = Omit<OutboxRow, 'attempts'>;

/** Every pending row as it is now, for a rebuild to clear the ones it covered. */
export function readOutboxSnapshot(db: Db): OutboxSnapshotRow[] {
	return db.$client
		.prepare('SELECT room_id AS roomId, changed_at AS changedAt FROM search_outbox')
		.all() as OutboxSnapshotRow[];
}

/** Deletes the given rows unless they changed since (a newer change must still be sent). */
export function clearOutboxRows(db: Db, rows: readonly OutboxSnapshotRow[]): number {
	const remove = db.$client.prepare(
		'DELETE FROM search_outbox WHERE room_id = ? AND changed_at = ?',
	);
	return db.$client.transaction(() =>
		rows.reduce((n, row) => n + remove.run(row.roomId, row.changedAt).changes, 0),
	)();
}
