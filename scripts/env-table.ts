import { format } from 'prettier';
import type { z } from 'zod';
import { COMPUTED_DEFAULTS, envSchema } from '../src/lib/server/env';

/**
 * The README's table of environment variables, written from the one declaration of them
 * (src/lib/server/env.ts): name, default, meaning. `npm run docs:env` puts it between the README's
 * markers; tests/unit/docs/env-table.test.ts fails when the README's copy differs.
 */

export const TABLE_START = '<!-- env-table:start (npm run docs:env writes this table) -->';
export const TABLE_END = '<!-- env-table:end -->';

/** The schema's own default of a variable, as text; undefined when it has none. */
function readDefault(schema: z.ZodTypeAny): string | undefined {
	let inner: z.ZodTypeAny | undefined = schema;
	while (inner) {
		if (inner._def.typeName === 'ZodDefault') return String(inner._def.defaultValue());
		inner = inner._def.innerType ?? inner._def.schema;
	}
	return undefined;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The table as Markdown, formatted as Prettier formats the README. */
export async function renderEnvTable(): Promise<string> {
	const rows = Object.entries(envSchema.shape).map(([name, schema]) => {
		const fallback =
			COMPUTED_DEFAULTS[name as keyof typeof COMPUTED_DEFAULTS] ?? readDefault(schema);
		const meaning = (schema as z.ZodTypeAny).description;
		if (!meaning) throw new Error(`${name} has no description in env.ts`);
		return `| \`${name}\` | ${fallback === undefined ? '—' : `\`${cell(fallback)}\``} | ${cell(meaning)} |`;
	});
	const table = ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
	return (await format(table, { parser: 'markdown', useTabs: true, printWidth: 100 })).trim();
}

/** `readme` with the text between the markers replaced by the table; throws when they are missing. */
export async function replaceEnvTable(readme: string): Promise<string> {
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	if (start < 0 || end < start) throw new Error('README.md has no env-table markers');
	const table = await renderEnvTable();
	return `${readme.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

/** The table as the README holds it now, between the markers. */
export function readEnvTable(readme: string): string {
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	return start < 0 || end < start ? '' : readme.slice(start + TABLE_START.length, end).trim();
}
