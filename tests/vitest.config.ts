import { defineConfig } from 'vitest/config';

/**
 * Three layers, run in this order by `npm test`: unit (pure functions and real SQLite files),
 * integration (the built server on a temporary database), e2e (headless Chromium against it).
 * Integration and e2e expect `npm run build` to have run.
 */
export default defineConfig({
	test: {
		root: new URL('..', import.meta.url).pathname,
		reporters: ['default', './tests/support/summary-reporter.ts'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					env: { TZ: 'America/New_York' },
				},
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
				},
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 90_000,
				},
			},
		],
	},
});
