/**
 * `npm run db:backup -- [--dir data/backups] [--keep 14]`: an online backup of the configured
 * database (the server may keep running), checked with `PRAGMA integrity_check`, keeping the
 * newest N. Exits non-zero on any failure, so cron and systemd report it.
 */
import { parseArgs } from 'node:util';
import { env } from '../src/lib/server/env';
import { backupDatabase } from '../src/lib/server/ops/backup';

// TODO(issue 9): read the folder from env.ts (BACKUP_DIR) once it is declared there.
const { values } = parseArgs({
	options: {
		dir: { type: 'string', default: 'data/backups' },
		keep: { type: 'string', default: '14' },
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
