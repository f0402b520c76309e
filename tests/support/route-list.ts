import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGES = path.join(ROOT, 'src', 'pages');
const ACTIONS = path.join(ROOT, 'src', 'actions');

/** One route file: its pattern as written (`/[...lang]/rooms/[id]`) and the methods it answers. */
export interface RouteFile {
	file: string;
	pattern: string;
	methods: string[];
}

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full) : [full];
	});
}

/**
 * Every route under src/pages, read from the file system so that a new page or endpoint shows up
 * here (and in the access matrix) without anyone listing it. `.astro` pages answer GET; an
 * endpoint answers the methods it exports.
 */
export function listRouteFiles(): RouteFile[] {
	return walk(PAGES)
		.filter((file) => /\.(astro|ts|js)$/.test(file) && !/\.d\.ts$/.test(file))
		.map((file) => {
			const relative = path.relative(PAGES, file).split(path.sep).join('/');
			const pattern = `/${relative.replace(/\.(astro|ts|js)$/, '').replace(/(^|\/)index$/, '')}`;
			const methods = file.endsWith('.astro')
				? ['GET']
				: [
						...readFileSync(file, 'utf8').matchAll(
							/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|ALL)\b/g,
						),
					].map((m) => m[1]!);
			return {
				file: relative,
				pattern: pattern === '/' ? '/' : pattern.replace(/\/$/, ''),
				methods,
			};
		})
		.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/**
 * The URLs of a pattern: `[...lang]` as both the Chinese (no prefix) and the English (`/en`)
 * site, every other `[param]` from `params` (a missing one throws, naming the pattern).
 */
export function expandPattern(pattern: string, params: Record<string, string>): string[] {
	const filled = pattern.replace(/\[(?!\.\.\.)(\w+)\]/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`no value for [${name}] in ${pattern}`);
		return value;
	});
	if (!filled.includes('[...lang]')) return [filled];
	return ['', '/en'].map((lang) => filled.replace('/[...lang]', lang) || '/');
}

/**
 * Every Astro Action by its RPC name (`auth.login`), read from src/actions/index.ts's `server`
 * export and the `name: defineAction(` entries of each group's file.
 */
export function listActionNames(): string[] {
	const index = readFileSync(path.join(ACTIONS, 'index.ts'), 'utf8');
	const imports = new Map<string, string>();
	for (const m of index.matchAll(/import\s*\{([^}]+)\}\s*from\s*'\.\/([\w-]+)'/g)) {
		for (const name of m[1]!
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean)) {
			imports.set(name, m[2]!);
		}
	}
	const server = /export const server = \{([^}]*)\}/.exec(index);
	if (!server) throw new Error('src/actions/index.ts has no `export const server = { … }`');
	const groups = server[1]!
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return groups.flatMap((group) => {
		const file = imports.get(group);
		if (!file) throw new Error(`action group ${group} is not imported in src/actions/index.ts`);
		const source = readFileSync(path.join(ACTIONS, `${file}.ts`), 'utf8');
		const start = source.indexOf(`export const ${group} = {`);
		return [...source.slice(start).matchAll(/^\t(\w+): defineAction\(/gm)].map(
			(m) => `${group}.${m[1]}`,
		);
	});
}
