/**
 * Unit: the README's table of environment variables is the one scripts/env-table.ts writes from
 * src/lib/server/env.ts — a variable added, removed or re-described there without
 * `npm run docs:env` fails here — and it names every variable the schema declares.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvTable, renderEnvTable } from '../../../scripts/env-table';
import { envSchema } from '../../../src/lib/server/env';

const README = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');

describe("the README's configuration table", () => {
	it('is the table env.ts declares (run `npm run docs:env` after changing a variable)', async () => {
		expect(readEnvTable(README)).toBe(await renderEnvTable());
	});

	it('has one row per declared variable, in the order env.ts declares them', () => {
		const named = [...readEnvTable(README).matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]);
		expect(named).toEqual(Object.keys(envSchema.shape));
	});
});
