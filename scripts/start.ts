/**
 * `npm start`: build if the sources changed, migrate, seed the demo festival into an empty
 * database (unless LIVEFEST_DEMO=0, and never with NODE_ENV=production: a real festival is set up
 * with `npm run festival:setup`, and until then the portal says so), fill the search index if a
 * migration left it empty, then serve. One command from a fresh clone to a running portal.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDemoFestival, isDatabaseEmpty } from '../db/seed/demo';
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
if (env.demo) {
	const seeded = ensureDemoFestival(db, { now: new Date() });
	if (seeded) console.log(`livefest: seeded the demo festival into ${env.databasePath}`);
} else {
	if (env.demoRequested) console.log('livefest: NODE_ENV=production: the demo is never seeded');
	if (isDatabaseEmpty(db)) {
		console.log(
			`livefest: ${env.databasePath} holds no festival yet: npm run festival:setup -- festival.json`,
		);
	}
}
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
