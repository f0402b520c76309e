import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread whose entry is the module at `entry` (a file URL), whether that module
 * is TypeScript or JavaScript. Under tsx (scripts, benchmarks, Vitest) the module is TypeScript,
 * and on Node 20 a worker does not go through the loader hooks its parent was started with: the
 * thread starts from a line of JavaScript that registers tsx and then imports the module. Built
 * code is plain JavaScript and is the entry itself.
 */
export function startModuleWorker(entry: string, options: WorkerOptions = {}): Worker {
	if (!entry.endsWith('.ts')) return new Worker(new URL(entry), options);
	const tsxApi = pathToFileURL(
		createRequire(entry)
			.resolve('tsx/package.json')
			.replace(/package\.json$/, 'dist/esm/api/index.mjs'),
	).href;
	const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
	return new Worker(boot, { ...options, eval: true });
}

/**
 * The module `name` (no extension) in the folder of the module `from` (an `import.meta.url`), as
 * TypeScript under tsx and as JavaScript once built. Written without `new URL('./x', import.meta.url)`
 * so the bundler leaves it alone: workers started this way run only from scripts, never the server.
 */
export function locateSiblingModule(from: string, name: string): string {
	return from.replace(/[^/]+$/, `${name}${from.endsWith('.ts') ? '.ts' : '.js'}`);
}
