// @ts-check
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { writeBuildStamp } from './scripts/build-freshness.ts';
import { loadEnv } from './src/lib/server/env.ts';
import { ACTION_BODY_LIMIT_BYTES } from './src/lib/shared/upload-limits.ts';

const env = loadEnv();
const publicOrigin = new URL(env.publicOrigin);

export default defineConfig({
	output: 'server',
	adapter: node({ mode: 'standalone' }),
	integrations: [
		svelte(),
		{
			// Every build records what it was built from, so `npm start` knows when to rebuild.
			name: 'livefest-build-stamp',
			hooks: {
				'astro:build:done': ({ dir }) =>
					writeBuildStamp(process.cwd(), env.publicOrigin, fileURLToPath(new URL('..', dir))),
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
