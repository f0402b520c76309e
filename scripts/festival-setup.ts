/**
 * `npm run festival:setup -- festival.json [--check] [--lang en]`: creates or updates the festival
 * a setup file describes (src/lib/server/festival/setup-file.ts; an example in
 * deploy/festival.example.json) in the database DATABASE_PATH names: names, dates, time zone,
 * submission and results windows, districts and categories. All or nothing; running it again
 * with the same file changes nothing, and entries keep their ids when renamed. Every problem is
 * printed with its JSON path. Exit codes: 0 done, 1 refused (nothing written), 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createTranslator, type Translate } from '../src/i18n';
import { appClock } from '../src/lib/server/clock';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';
import { applyFestivalFile, type ListReport } from '../src/lib/server/festival/setup';
import { parseFestivalFile, type FileProblem } from '../src/lib/server/festival/setup-file';
import { translateMessage } from '../src/lib/server/merchant/message';

function printProblems(t: Translate, file: string, problems: FileProblem[]): void {
	console.error(t('setup.invalid', { file, count: problems.length }));
	for (const p of problems) {
		console.error(`  ${p.path}: ${translateMessage(t, p.message, 'form.invalid')}`);
	}
}

function describeList(t: Translate, list: string, report: ListReport): string[] {
	const lines = [
		t('setup.list', {
			list,
			created: report.created.length,
			updated: report.updated.length,
			unchanged: report.unchanged,
		}),
	];
	if (report.kept.length > 0) lines.push(t('setup.kept', { list, codes: report.kept.join(', ') }));
	return lines;
}

async function main(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv.filter((a) => a !== '--'),
			options: {
				check: { type: 'boolean', default: false },
				lang: { type: 'string', default: 'zh-cn' },
				help: { type: 'boolean', short: 'h' },
			},
			allowPositionals: true,
		});
	} catch (error) {
		console.error(
			`${(error as Error).message}\n${createTranslator('zh-cn')('setup.usage', { file: env.databasePath })}`,
		);
		return 2;
	}
	const t = createTranslator(parsed.values.lang === 'en' ? 'en' : 'zh-cn');
	const usage = t('setup.usage', { file: env.databasePath });
	if (parsed.values.help) {
		console.log(usage);
		return 0;
	}
	if (parsed.positionals.length !== 1) {
		console.error(usage);
		return 2;
	}
	const path = parsed.positionals[0]!;
	let source: string;
	try {
		source = readFileSync(path, 'utf8');
	} catch (error) {
		console.error(t('setup.readFailed', { file: path, reason: (error as Error).message }));
		return 2;
	}
	const read = parseFestivalFile(source);
	if (!read.ok) {
		printProblems(t, path, read.problems);
		return 1;
	}
	if (parsed.values.check) {
		console.log(t('setup.checked', { file: path }));
		return 0;
	}
	const db = openDatabase(env.databasePath);
	try {
		const outcome = await applyFestivalFile(db, read.file, {
			actor: { userId: null, name: 'festival:setup (CLI)' },
			now: appClock.now(),
		});
		if (!outcome.ok) {
			printProblems(t, path, outcome.problems);
			return 1;
		}
		const { report } = outcome;
		const lines = [
			t('setup.done', {
				database: env.databasePath,
				change: t(`setup.change.${report.festival}`),
				slug: read.file.slug,
				id: report.festivalId,
			}),
			...describeList(t, t('setup.listDistricts'), report.districts),
			...describeList(t, t('setup.listCategories'), report.categories),
		];
		if (report.reindexedRooms > 0)
			lines.push(t('setup.reindexed', { rooms: report.reindexedRooms }));
		if (report.rebuiltSearch) lines.push(t('setup.rebuilt'));
		const published = db.$client
			.prepare('SELECT published FROM festival WHERE id = ?')
			.pluck()
			.get(report.festivalId);
		if (published !== 1) lines.push(t('setup.unpublished'));
		console.log(lines.join('\n'));
		return 0;
	} finally {
		db.$client.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
