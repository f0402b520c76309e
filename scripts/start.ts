/**
 * `npm start`: build if the sources changed, migrate, seed the demo festival into an empty
 * database, fill the search index if a migration left it empty, then serve. One command from a
 * fresh clone to a running portal.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDemoFestival } from '../db/seed/demo';
import { openDatabase } from '../src/lib/server/db';
import { env } from '../src/lib/server/env';
import { findProjectRoot } from '../src/lib/server/project-root';
import { isSearchIndexMissing, rebuildSearchIndex } from '../src/lib/server/search/rebuild';
import { isBuildFresh } from './build-freshness';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const root = findProjectRoot();

if (!isBuildFresh(root, env.publicOrigin)) {
	console.log('livefest: building the site (sources changed since the last build)…');
	const astro = path.join(root, 'node_modules', '.bin', 'astro');
	const result = spawnSync(astro, ['build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const db = openDatabase(env.databasePath);
const seeded = ensureDemoFestival(db, { now: new Date() });
if (seeded) console.log(`livefest: seeded the demo festival into ${env.databasePath}`);
if (isSearchIndexMissing(db)) {
	console.log('livefest: building the search index (the schema declared it anew)…');
	const built = await rebuildSearchIndex(db);
	console.log(`livefest: indexed ${built.rooms} rooms in ${(built.ms / 1000).toFixed(1)} s`);
}
db.$client.close();

process.env.HOST = env.host;
process.env.PORT = String(env.port);
await import(pathToFileURL(path.join(root, 'dist', 'serve.mjs')).href);
console.log(`livefest: serving ${env.publicOrigin} (database ${env.databasePath})`);
