/**
 * `npm run docs:env`: writes the README's table of environment variables from
 * src/lib/server/env.ts (see scripts/env-table.ts). Run it after adding or changing a variable.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../src/lib/server/project-root';
import { replaceEnvTable } from './env-table';

const file = path.join(findProjectRoot(), 'README.md');
const before = readFileSync(file, 'utf8');
const after = await replaceEnvTable(before);
if (after === before) {
	console.log('README.md: the environment table is current');
} else {
	writeFileSync(file, after);
	console.log('README.md: wrote the environment table');
}
