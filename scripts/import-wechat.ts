/**
 * `npm run import:wechat -- --merchant <id> <file>`: imports a WeChat live plugin room list
 * (`getliveinfo` response) for one merchant into the current festival — the same importer as the
 * merchant area's import page, for operators and files too big for a browser form. Draws a
 * progress bar on a terminal. Rows that break a rule are listed with their number (from 1), field
 * and reason, and the others imported; a file that is not a room list changes nothing and exits 1.
 */
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createTranslator } from '../src/i18n';
import { appClock } from '../src/lib/server/clock';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';
import { getImageDeps } from '../src/lib/server/media/autostart';
import { processPendingImages } from '../src/lib/server/media/image-worker';
import { findCurrentFestival } from '../src/lib/server/merchant/current-festival';
import { translateMessage } from '../src/lib/server/merchant/message';
import { importLiveRooms, summarizeImport } from '../src/lib/server/room/import';
import { IMPORT_CLI_MAX_BYTES, parseLiveInfo } from '../src/lib/server/wechat/live-info';
import { merchant } from '../db/schema';
import { eq } from 'drizzle-orm';

const USAGE = `Usage: npm run import:wechat -- --merchant <id> [--lang en] <file>
  --merchant  the merchant's id (see the staff console or the database)
  --lang      language of the report: zh-cn (default) or en`;

function readLimited(file: string, max: number): Uint8Array | { size: number } {
	const fd = openSync(file, 'r');
	try {
		const size = fstatSync(fd).size;
		// Refuse by size before reading: a 50 MB file is never loaded into memory.
		if (size > max) return { size };
		const bytes = new Uint8Array(size);
		let read = 0;
		while (read < size) read += readSync(fd, bytes, read, size - read, read);
		return bytes;
	} finally {
		closeSync(fd);
	}
}

function drawProgress(done: number, total: number): void {
	if (!process.stderr.isTTY) {
		if (done === total || done % 500 === 0) process.stderr.write(`${done}/${total} rooms\n`);
		return;
	}
	const width = 30;
	const filled = total === 0 ? width : Math.round((done / total) * width);
	process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
	if (done === total) process.stderr.write('\n');
}

async function main(argv: string[]): Promise<number> {
	let values: { merchant?: string; lang?: string; help?: boolean };
	let positionals: string[];
	try {
		({ values, positionals } = parseArgs({
			args: argv.filter((a) => a !== '--'),
			options: {
				merchant: { type: 'string' },
				lang: { type: 'string', default: 'zh-cn' },
				help: { type: 'boolean', short: 'h' },
			},
			allowPositionals: true,
		}));
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const merchantId = Number(values.merchant);
	const file = positionals[0];
	if (!Number.isSafeInteger(merchantId) || merchantId <= 0 || !file || positionals.length > 1) {
		console.error(USAGE);
		return 2;
	}
	const t = createTranslator(values.lang === 'en' ? 'en' : 'zh-cn');
	let content: Uint8Array | { size: number };
	try {
		content = readLimited(file, IMPORT_CLI_MAX_BYTES);
	} catch (error) {
		console.error(`${file}: ${(error as Error).message}`);
		return 1;
	}
	const parsed = parseLiveInfo(
		content instanceof Uint8Array ? content : new Uint8Array(0),
		IMPORT_CLI_MAX_BYTES,
	);
	const refusal = !(content instanceof Uint8Array)
		? t('import.tooLarge', {
				size: (content.size / 1024 / 1024).toFixed(1),
				max: Math.round(IMPORT_CLI_MAX_BYTES / 1024 / 1024),
			})
		: parsed.ok
			? null
			: translateMessage(t, parsed.message, 'form.invalid');
	if (refusal || !parsed.ok) {
		console.error(refusal);
		return 1;
	}
	const db = openDatabase(env.databasePath);
	try {
		const business = db.select().from(merchant).where(eq(merchant.id, merchantId)).get();
		if (!business) {
			console.error(`Merchant ${merchantId} not found in ${env.databasePath}.`);
			return 1;
		}
		const festival = findCurrentFestival(db);
		if (!festival) {
			console.error(t('merchant.noFestival'));
			return 1;
		}
		const rows = importLiveRooms(db, parsed.rooms, {
			business,
			festival,
			actor: { kind: 'system', name: 'import-wechat' },
			now: appClock.now(),
			onProgress: drawProgress,
		});
		// One line per row of the file, in its order: imported and refused rows alike.
		const lines: [number, string][] = [
			...rows.map((row): [number, string] => {
				const reason = row.reason ? ` — ${t(`import.reason.${row.reason}`)}` : '';
				const outcome = t(`import.outcome.${row.outcome}`);
				return [row.row, `${row.row}\t${row.wxRoomId}\t${outcome}\t${row.name}${reason}`];
			}),
			...parsed.refused.map((r): [number, string] => {
				const reason = translateMessage(t, r.reason, 'form.invalid');
				const outcome = t('import.outcome.refused');
				return [r.row, `${r.row}\t${r.roomid ?? ''}\t${outcome}\t${r.field} — ${reason}`];
			}),
		];
		for (const [, line] of lines.sort((a, b) => a[0] - b[0])) console.log(line);
		console.log(t('import.report', summarizeImport(rows)));
		if (parsed.refused.length > 0) {
			console.log(t('import.refusedCount', { count: parsed.refused.length }));
		}
		// Covers and product pictures the list names, fetched and re-encoded now (the server's
		// image worker would too), so the rooms show them as soon as they are approved.
		await processPendingImages(db, getImageDeps(), appClock.now());
		return 0;
	} finally {
		db.$client.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
