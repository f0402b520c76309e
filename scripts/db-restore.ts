/**
 * `npm run db:restore -- <backup file>`: replaces the configured database with a backup. Stop the
 * server first; the restore refuses while the database is open elsewhere, and refuses a backup
 * that fails its integrity check.
 */
import { parseArgs } from 'node:util';
import { env } from '../src/lib/server/env';
import { restoreDatabase } from '../src/lib/server/ops/backup';

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
	console.error('usage: npm run db:restore -- <backup file>');
	process.exit(2);
}
try {
	restoreDatabase(positionals[0]!, env.databasePath);
	console.log(`livefest: restored ${env.databasePath} from ${positionals[0]}`);
} catch (error) {
	console.error(`livefest: restore failed: ${(error as Error).message}`);
	process.exit(1);
}
