import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const ruleIds = async (code: string, filePath: string) => {
	const [result] = await eslint.lintText(code, { filePath });
	return (result?.messages ?? []).map((m) => m.ruleId);
};

describe('the server-import boundary', () => {
	it('forbids src/lib/shared from importing server code or the schema', async () => {
		const code =
			"import { getDb } from '../server/db';\nimport { room } from '../../../db/schema';\nexport const x = [getDb, room];\n";
		expect(await ruleIds(code, 'src/lib/shared/example.ts')).toEqual([
			'no-restricted-imports',
			'no-restricted-imports',
		]);
	});

	it('forbids islands from importing server code', async () => {
		const code =
			'<script lang="ts">\n\timport { env } from \'../lib/server/env\';\n</script>\n\n<p>{env.port}</p>\n';
		expect(await ruleIds(code, 'src/islands/Example.svelte')).toEqual(['no-restricted-imports']);
	});

	it('lets server modules import each other', async () => {
		const code = "import { getDb } from '../db';\nexport const x = getDb;\n";
		expect(await ruleIds(code, 'src/lib/server/room/example.ts')).toEqual([]);
	});
});
