import type Database from 'better-sqlite3';
import type { DatabaseGauges } from './metrics';

/** Outbox rows counted at most: past this the gauge reads "more than", and the count stays cheap. */
export const OUTBOX_COUNT_CAP = 100_000;

/**
 * The figures /metrics reads from the database when scraped, on the server's own connection: each
 * a bounded, indexed statement (the outbox's oldest change through search_outbox_changed_idx, its
 * rows counted up to OUTBOX_COUNT_CAP; failing sources among the merchants' few thousand).
 * Without Meilisearch nothing drains the outbox, so it is not reported.
 */
export function createDatabaseGauges(
	sqlite: Database.Database,
	options: { meilisearch: boolean; clock?: () => number },
): DatabaseGauges {
	const clock = options.clock ?? Date.now;
	const rows = sqlite
		.prepare(`SELECT count(*) FROM (SELECT 1 FROM search_outbox LIMIT ${OUTBOX_COUNT_CAP + 1})`)
		.pluck();
	const oldest = sqlite.prepare('SELECT min(changed_at) FROM search_outbox').pluck();
	const failing = sqlite
		.prepare('SELECT count(*) FROM merchant_room_source WHERE failures > 0')
		.pluck();
	return {
		outbox() {
			if (!options.meilisearch) return undefined;
			const since = oldest.get() as number | null;
			return {
				rows: rows.get() as number,
				oldestSeconds: since === null ? 0 : Math.max(0, (clock() - since) / 1000),
			};
		},
		failingSyncSources: () => failing.get() as number,
	};
}
