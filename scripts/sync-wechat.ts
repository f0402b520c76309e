/**
 * `npm run sync:wechat [-- --merchant <id>] [--force] [--lang en]`: brings merchants' rooms in step
 * with their mini programs (feed URLs or WeChat credentials) — the same sync the server runs on its
 * interval. Without --merchant, every merchant whose source is due; --force ignores the backoff.
 * Draws a progress bar on a terminal. Exit code 1 when any merchant's sync failed.
 */
import { parseArgs } from 'node:util';
import { createTranslator, type MessageId } from '../src/i18n';
import { decodeFormMessage } from '../src/lib/shared/forms/form-message';
import { appClock } from '../src/lib/server/clock';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';
import { getImageDeps } from '../src/lib/server/media/autostart';
import { processPendingImages } from '../src/lib/server/media/image-worker';
import { summarizeImport } from '../src/lib/server/room/import';
import { getSyncDeps } from '../src/lib/server/sync/config';
import { syncDueMerchants } from '../src/lib/server/sync/worker';

const USAGE = `Usage: npm run sync:wechat -- [--merchant <id>] [--force] [--lang en]
  --merchant  sync only this merchant (by id); default: every merchant that is due
  --force     sync even while the merchant is backing off after failures
  --lang      language of the report: zh-cn (default) or en`;

function drawProgress(done: number, total: number): void {
	if (!process.stderr.isTTY) return;
	const width = 30;
	const filled = total === 0 ? width : Math.round((done / total) * width);
	process.stderr.write(
		`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} merchants`,
	);
	if (done === total) process.stderr.write('\n');
}

async function main(argv: string[]): Promise<number> {
	let values: { merchant?: string; lang?: string; force?: boolean; help?: boolean };
	try {
		({ values } = parseArgs({
			args: argv.filter((a) => a !== '--'),
			options: {
				merchant: { type: 'string' },
				force: { type: 'boolean', default: false },
				lang: { type: 'string', default: 'zh-cn' },
				help: { type: 'boolean', short: 'h' },
			},
		}));
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const merchantId = values.merchant === undefined ? undefined : Number(values.merchant);
	if (merchantId !== undefined && (!Number.isSafeInteger(merchantId) || merchantId <= 0)) {
		console.error(USAGE);
		return 2;
	}
	const t = createTranslator(values.lang === 'en' ? 'en' : 'zh-cn');
	const say = (encoded: string): string => {
		const { id, params } = decodeFormMessage(encoded);
		return t(id as MessageId, params) ?? id;
	};
	const db = openDatabase(env.databasePath);
	try {
		const deps = getSyncDeps(appClock.now(), { force: values.force, writeHere: true });
		const ids = merchantId === undefined ? undefined : [merchantId];
		const outcomes = await syncDueMerchants(db, deps, {
			concurrency: env.sync.concurrency,
			merchantIds: ids,
			onDone: drawProgress,
		});
		for (const o of outcomes) {
			const detail = o.message
				? say(o.message)
				: t('sync.summary', { ...summarizeImport(o.rows), missing: o.missing });
			console.log(`${o.merchantId}\t${t(`sync.result.${o.result}`)}\t${detail}`);
		}
		if (outcomes.length === 0) console.log(t('sync.skip.noSource'));
		await processPendingImages(db, getImageDeps(), appClock.now());
		return outcomes.some((o) => o.result === 'failed') ? 1 : 0;
	} finally {
		db.$client.close();
	}
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
