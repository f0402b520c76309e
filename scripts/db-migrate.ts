/** `npm run db:migrate`: apply pending migrations to the configured database. */
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';

const db = openDatabase(env.databasePath);
db.$client.close();
console.log(`livefest: ${env.databasePath} is migrated`);
