// @ts-check
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import { build as bundle } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { writeBuildStamp } from './scripts/build-freshness.ts';
import { loadEnv } from './src/lib/server/env.ts';
import { ACTION_BODY_LIMIT_BYTES } from './src/lib/shared/upload-limits.ts';

const env = loadEnv();
const publicOrigin = new URL(env.publicOrigin);

export default defineConfig({
	output: 'server',
	// Astro's handler is mounted in the portal's own server (src/serve/), bundled below.
	adapter: node({ mode: 'middleware' }),
	integrations: [
		svelte(),
		{
			// The serving layer (src/serve/main.ts) becomes <outDir>/serve.mjs beside Astro's output,
			// and every build records what it was built from, so `npm start` knows when to rebuild.
			name: 'livefest-serving-layer',
			hooks: {
				'astro:build:done': async ({ dir }) => {
					const outDir = fileURLToPath(new URL('..', dir));
					await bundle({
						entryPoints: ['src/serve/main.ts'],
						outfile: `${outDir}/serve.mjs`,
						bundle: true,
						platform: 'node',
						format: 'esm',
						target: 'node20',
						packages: 'external',
						logLevel: 'warning',
					});
					writeBuildStamp(process.cwd(), env.publicOrigin, outDir);
				},
			},
		},
	],
	site: env.publicOrigin,
	server: { host: env.host, port: env.port },
	i18n: {
		locales: ['zh-cn', 'en'],
		defaultLocale: 'zh-cn',
		// Pages live once under src/pages/[...lang]/; the locale prefix is handled there.
		routing: 'manual',
	},
	security: {
		checkOrigin: true,
		// Covers (2 MB) and WeChat room-list imports arrive through actions; Astro's default is 1 MB.
		actionBodySizeLimit: ACTION_BODY_LIMIT_BYTES,
		// Astro distrusts the Host header unless listed; the public origin and local addresses are ours.
		// Baked in at build time: scripts/start.ts rebuilds when PUBLIC_ORIGIN changes.
		allowedDomains: [
			{ hostname: publicOrigin.hostname, protocol: publicOrigin.protocol.replace(':', '') },
			{ hostname: 'localhost' },
			{ hostname: '127.0.0.1' },
		],
	},
	devToolbar: { enabled: false },
	prefetch: false,
	build: { inlineStylesheets: 'always' },
});
