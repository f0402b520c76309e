import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the project's root (the folder whose package.json is livefest's) by walking up from this
 * module, so paths to `db/migrations` hold both in source (tsx) and in the bundled server.
 */
export function findProjectRoot(from: string = fileURLToPath(import.meta.url)): string {
	let dir = path.dirname(from);
	for (;;) {
		const manifest = path.join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'livefest') {
			return dir;
		}
		const parent = path.dirname(dir);
		if (parent === dir) return process.cwd();
		dir = parent;
	}
}
