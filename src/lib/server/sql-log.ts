import { appendFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

/** One line of the statement log: the SQL text and the parameters of its first execution. */
export interface LoggedStatement {
	sql: string;
	params: unknown[];
}

const EXECUTE = ['run', 'get', 'all', 'iterate'] as const;

/**
 * Appends every distinct statement this connection executes, with the parameters it first ran
 * with, to `file` as JSON lines. For tests only (LIVEFEST_SQL_LOG): the query-plan test replays
 * them under `EXPLAIN QUERY PLAN` on the large seed, so no statement a page issues can scan the
 * festival unnoticed, whoever wrote it (Drizzle or a raw prepare).
 */
export function logStatements(sqlite: Database.Database, file: string): void {
	const seen = new Set<string>();
	const prepare = sqlite.prepare.bind(sqlite);
	sqlite.prepare = ((source: string) => {
		const statement = prepare(source);
		for (const method of EXECUTE) {
			const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
			(statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
				if (!seen.has(source)) {
					seen.add(source);
					const line: LoggedStatement = { sql: source, params: args.map(toJson) };
					appendFileSync(file, JSON.stringify(line) + '\n');
				}
				return original(...args);
			};
		}
		return statement;
	}) as typeof sqlite.prepare;
}

function toJson(value: unknown): unknown {
	if (typeof value === 'bigint') return Number(value);
	if (Buffer.isBuffer(value)) return null;
	return value;
}
