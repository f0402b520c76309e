import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the last build was made from; dist is rebuilt when either differs. */
interface BuildStamp {
	publicOrigin: string;
	newestSourceMtimeMs: number;
}

const SOURCES = [
	'src',
	'db/schema',
	'public',
	'astro.config.mjs',
	'package-lock.json',
	'tsconfig.json',
];

function newestMtime(entry: string): number {
	if (!existsSync(entry)) return 0;
	const stat = statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of readdirSync(entry))
		newest = Math.max(newest, newestMtime(path.join(entry, child)));
	return newest;
}

/**
 * Whether `dist/` was built from the current sources and public origin (which Astro bakes into the
 * build's allowed hosts). Lets `npm start` skip a 20-second build when nothing changed.
 */
export function isBuildFresh(root: string, publicOrigin: string): boolean {
	const stampFile = path.join(root, 'dist', 'livefest-build.json');
	if (!existsSync(path.join(root, 'dist', 'serve.mjs')) || !existsSync(stampFile)) {
		return false;
	}
	const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as BuildStamp;
	const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
	return stamp.publicOrigin === publicOrigin && stamp.newestSourceMtimeMs >= newest;
}

/** Records what the build in `outDir` (default `dist/`) was made from. */
export function writeBuildStamp(
	root: string,
	publicOrigin: string,
	outDir: string = path.join(root, 'dist'),
): void {
	const stamp: BuildStamp = {
		publicOrigin,
		newestSourceMtimeMs: Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s)))),
	};
	writeFileSync(path.join(outDir, 'livefest-build.json'), JSON.stringify(stamp));
}
