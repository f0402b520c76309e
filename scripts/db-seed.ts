/**
 * `npm run db:seed [-- --reset] [--now] [--rooms=N] [--merchants=N]`: loads the demo festival,
 * grown to N public rooms when asked, into the configured database. Refuses a database that
 * already holds a festival unless `--reset` is given, so real data is never mixed with (or
 * overwritten by) demo rows by accident. Exit codes: 0 seeded, 1 refused, 2 bad options.
 */
import { statSync } from 'node:fs';
import { z } from 'zod';
import { formatShanghaiDate, isDatabaseEmpty } from '../db/seed';
import { seedFestival, type FestivalSeedReport } from '../db/seed/festival';
import {
	DEMO_MERCHANTS,
	DEMO_PUBLIC_ROOMS,
	describeSizeIssues,
	festivalSizeSchema,
} from '../db/seed/festival-size';
import { appClock } from '../src/lib/server/clock';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';
import { renderSeedImages } from '../src/lib/server/media/seed-images';
import { CATEGORIES } from '../db/seed/content/categories';

const USAGE = `Usage: npm run db:seed -- [--reset] [--now] [--rooms=N] [--merchants=N]
  --reset        delete the existing festival, merchants and rooms first
  --now          move the festival so today (Asia/Shanghai) is its middle day
  --rooms=N      grow the demo to N public rooms (N ≥ ${DEMO_PUBLIC_ROOMS}, the demo's own; e.g. 270000,
                 the real festival); about 12% more rooms that are not public come on top
  --merchants=N  merchants of every status (default: N rooms / 6.5; the demo has ${DEMO_MERCHANTS})
Without --rooms the rows are exactly the demo's. The same options give the same rows.`;

/** Options that take a value (`--rooms=270000` or `--rooms 270000`); the others are flags. */
const VALUES = new Set(['rooms', 'merchants']);

const flag = (name: string) =>
	z.literal(true, { errorMap: () => ({ message: `--${name} takes no value` }) }).optional();

const argsSchema = z
	.object({
		reset: flag('reset'),
		now: flag('now'),
		help: flag('help'),
		rooms: z.string().optional(),
		merchants: z.string().optional(),
	})
	.strict();

/** Turns argv into `{ name: true | value }`, and the words that are no option at all. */
function readArgs(args: readonly string[]): { given: Record<string, unknown>; stray: string[] } {
	const given: Record<string, unknown> = {};
	const stray: string[] = [];
	const words = args.filter((arg) => arg !== '--');
	for (let i = 0; i < words.length; i += 1) {
		const match = /^--?([a-z-]+)(?:=(.*))?$/.exec(words[i]!);
		if (!match) {
			stray.push(words[i]!);
			continue;
		}
		const name = match[1] === 'h' ? 'help' : match[1]!;
		if (match[2] !== undefined) given[name] = match[2];
		else if (VALUES.has(name) && i + 1 < words.length) given[name] = words[++i];
		else given[name] = VALUES.has(name) ? '' : true;
	}
	return { given, stray };
}

/** Describes a seed in one line, for the terminal and for logs. */
function formatSeedReport(report: FestivalSeedReport, file: string): string {
	const n = (value: number): string => value.toLocaleString('en-US');
	const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
	const { summary } = report;
	const megabytes = (statSync(file).size / 1_000_000).toFixed(0);
	return (
		`Seeded ${summary.slug} (${summary.startDate}..${summary.endDate}) into ${file}: ` +
		`${summary.districts} districts, ${summary.categories} categories, ${summary.venues} venues, ` +
		`${n(summary.merchants)} merchants, ${n(summary.rooms)} rooms ` +
		`(${n(summary.publicRooms)} public; ${n(summary.merchantRooms)} merchant, ` +
		`${n(summary.showcaseRooms)} showcase), ${n(summary.roomProducts)} products, ` +
		`${n(summary.showcaseHosts)} showcase hosts; rows ${s(report.loadMs)}, ` +
		`search index ${s(report.indexMs)}, statistics + checkpoint ${s(report.finishMs)}, ` +
		`total ${s(report.totalMs)}; ${megabytes} MB`
	);
}

async function main(args: readonly string[]): Promise<number> {
	const { given, stray } = readArgs(args);
	const parsed = argsSchema.safeParse(given);
	if (!parsed.success || stray.length > 0) {
		const problems = [
			...(parsed.success ? [] : [describeSizeIssues(parsed.error)]),
			...(stray.length > 0 ? [`Unexpected argument: ${stray.join(' ')}`] : []),
		];
		console.error(`${problems.join('\n')}\n${USAGE}`);
		return 2;
	}
	if (parsed.data.help) {
		console.log(USAGE);
		return 0;
	}
	const size = festivalSizeSchema.safeParse({
		rooms: parsed.data.rooms,
		merchants: parsed.data.merchants,
	});
	if (!size.success) {
		console.error(`${describeSizeIssues(size.error)}\n${USAGE}`);
		return 2;
	}
	const reset = parsed.data.reset === true;
	const today = parsed.data.now ? formatShanghaiDate(appClock.now()) : undefined;

	const db = openDatabase(env.databasePath);
	try {
		if (!reset && !isDatabaseEmpty(db)) {
			console.error(
				`${env.databasePath} already holds a festival; nothing was changed.\n` +
					'Run `npm run db:seed -- --reset` to delete it and load the demo instead.',
			);
			return 1;
		}
		const report = await seedFestival(db, {
			reset,
			today,
			rooms: parsed.data.rooms,
			merchants: parsed.data.merchants,
		});
		console.log(formatSeedReport(report, env.databasePath));
		// The demo's pictures, rendered ahead (the media route would render each on first use).
		const started = performance.now();
		const pictures = await renderSeedImages(
			env.uploadDir,
			CATEGORIES.map((c) => c.code),
		);
		console.log(
			`Rendered ${pictures} demo pictures into ${env.uploadDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
		);
		return 0;
	} finally {
		db.$client.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
