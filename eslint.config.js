// @ts-check
import eslint from '@eslint/js';
import astro from 'eslint-plugin-astro';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
	{
		ignores: [
			'dist/',
			'dist-*/',
			'.astro/',
			'node_modules/',
			'data/',
			'bench/results/',
			'tests/.tmp/',
		],
	},
	eslint.configs.recommended,
	tseslint.configs.recommended,
	astro.configs.recommended,
	svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: tseslint.parser } },
	},
	{
		// Islands and browser-safe modules must never pull server code (secrets, the database) into
		// a client bundle; Astro would not stop it.
		files: ['src/islands/**', 'src/lib/shared/**', 'src/lib/client/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'**/server',
								'**/server/**',
								'../server',
								'../server/**',
								'**/db/schema',
								'**/db/schema/**',
							],
							message: 'Server-only code: islands and src/lib/shared must not import it.',
						},
					],
				},
			],
		},
	},
);
