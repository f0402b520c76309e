/**
 * `npm run db:seed [-- --reset] [-- --now]`: loads the demo festival into the configured database.
 * Refuses a database that already holds a festival unless `--reset` is given, so real data is
 * never mixed with (or overwritten by) demo rows by accident.
 */
import { performance } from 'node:perf_hooks';
import {
	formatShanghaiDate,
	isDatabaseEmpty,
	resetDatabase,
	seedDemoFestival,
	type SeedSummary,
} from '../db/seed';
import { appClock } from '../src/lib/server/clock';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';

const USAGE = `Usage: npm run db:seed [-- --reset] [-- --now]
  --reset  delete the existing festival, merchants and rooms first
  --now    move the festival so today (Asia/Shanghai) is its middle day`;

const FLAGS = new Set(['--reset', '--now', '--help', '-h']);

/** Describes a seed in one line, for the terminal and for logs. */
function formatSeedSummary(summary: SeedSummary, file: string, elapsedMs: number): string {
	return (
		`Seeded ${summary.slug} (${summary.startDate}..${summary.endDate}) into ${file}: ` +
		`${summary.districts} districts, ${summary.categories} categories, ` +
		`${summary.merchants} merchants, ${summary.merchantRooms} merchant rooms, ` +
		`${summary.showcaseRooms} showcase rooms, ${summary.roomProducts} products, ` +
		`${summary.showcaseHosts} showcase hosts in ${Math.round(elapsedMs)} ms`
	);
}

function main(args: readonly string[]): number {
	const given = args.filter((arg) => arg !== '--');
	const unknown = given.filter((arg) => !FLAGS.has(arg));
	if (unknown.length > 0) {
		console.error(`Unknown option: ${unknown.join(' ')}\n${USAGE}`);
		return 2;
	}
	if (given.includes('--help') || given.includes('-h')) {
		console.log(USAGE);
		return 0;
	}
	const reset = given.includes('--reset');
	const today = given.includes('--now') ? formatShanghaiDate(appClock.now()) : undefined;

	const db = openDatabase(env.databasePath);
	try {
		if (!reset && !isDatabaseEmpty(db)) {
			console.error(
				`${env.databasePath} already holds a festival; nothing was changed.\n` +
					'Run `npm run db:seed -- --reset` to delete it and load the demo instead.',
			);
			return 1;
		}
		const started = performance.now();
		const summary = db.$client.transaction(() => {
			if (reset) resetDatabase(db);
			return seedDemoFestival(db, { today });
		})();
		console.log(formatSeedSummary(summary, env.databasePath, performance.now() - started));
		return 0;
	} finally {
		db.$client.close();
	}
}

process.exitCode = main(process.argv.slice(2));
