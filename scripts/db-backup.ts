/**
 * `npm run db:backup -- [--dir <folder>] [--keep N]`: an online backup of the configured database
 * (the server may keep running), checked with `PRAGMA integrity_check`, keeping the newest N. The
 * folder and N default to BACKUP_DIR and BACKUP_KEEP (env.ts), so a systemd timer reads them from
 * the service's environment file (deploy/livefest-backup.service). Exits non-zero on any failure,
 * so cron and systemd report it.
 */
import { parseArgs } from 'node:util';
import { env } from '../src/lib/server/env';
import { backupDatabase } from '../src/lib/server/ops/backup';

const { values } = parseArgs({
	options: {
		dir: { type: 'string', default: env.backup.dir },
		keep: { type: 'string', default: String(env.backup.keep) },
	},
});
const keep = Number(values.keep);
if (!Number.isInteger(keep) || keep < 1) {
	console.error('livefest: --keep must be a whole number ≥ 1');
	process.exit(2);
}
try {
	const result = await backupDatabase(env.databasePath, { dir: values.dir!, keep });
	console.log(`livefest: backed up ${env.databasePath} to ${result.file} (${result.pages} pages)`);
	for (const file of result.pruned) console.log(`livefest: removed old backup ${file}`);
} catch (error) {
	console.error(`livefest: backup failed: ${(error as Error).message}`);
	process.exit(1);
}
