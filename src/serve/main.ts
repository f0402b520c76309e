/**
 * The production server: Astro's handler (@astrojs/node in middleware mode) inside the portal's
 * serving layer. Built to `dist/serve.mjs` next to Astro's output (astro.config.mjs) and started
 * by `npm start` (scripts/start.ts) or `node dist/serve.mjs`.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { onPublicPagesInvalidated, readContentVersion } from '../lib/server/cache/invalidate';
import { env } from '../lib/server/env';
import { listen } from './http-server';
import { PageCache } from './page-cache';
import { createServingLayer, type AstroHandler } from './serving-layer';
import { loadStaticAssets } from './static-assets';

const distDir = path.dirname(fileURLToPath(import.meta.url));
const astro = (await import(pathToFileURL(path.join(distDir, 'server', 'entry.mjs')).href)) as {
	handler: AstroHandler;
};

const layer = createServingLayer({
	handler: astro.handler,
	statics: await loadStaticAssets(path.join(distDir, 'client')),
	cache: new PageCache(env.pageCacheBytes),
	contentVersion: readContentVersion,
});
onPublicPagesInvalidated(() => layer.invalidate());

const running = await listen(layer, { host: env.host, port: env.port });
console.log(`livefest: listening on http://${env.host}:${env.port}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, () => {
		console.log(`livefest: ${signal}: finishing requests in flight, then stopping`);
		void running.shutdown().then(() => process.exit(0));
	});
}
