/**
 * `npx tsx bench/frontend/run.ts --origin http://127.0.0.1:4455 [--room 12] [--en] [--json out.json]`:
 * front-end budgets for the home page, the schedule, one room and one search, printed as Markdown;
 * `--en` adds the same pages in English, `--paths /showcase,/my` measures other pages instead.
 * The room defaults to the first one the schedule links to.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runFrontEndBudgets } from './index';

const { values } = parseArgs({
	options: {
		origin: { type: 'string', default: 'http://127.0.0.1:4455' },
		room: { type: 'string' },
		json: { type: 'string' },
		en: { type: 'boolean', default: false },
		paths: { type: 'string' },
	},
});
const origin = values.origin.replace(/\/$/, '');

/** The first room the schedule links to, so the CLI works on any seeded database. */
async function findRoomId(): Promise<string> {
	const html = await (await fetch(`${origin}/schedule`)).text();
	const id = /href="\/rooms\/(\d+)"/.exec(html)?.[1];
	if (!id) throw new Error(`No room link on ${origin}/schedule; pass --room`);
	return id;
}

const room = values.room ?? (await findRoomId());
const chosen = values.paths
	? values.paths.split(',').map((path) => ({ name: path, path }))
	: [
			{ name: 'Home', path: '/' },
			{ name: 'Schedule', path: '/schedule' },
			{ name: 'Room', path: `/rooms/${room}` },
			{ name: 'Search', path: `/search?q=${encodeURIComponent('女装')}` },
		];
const pages = values.en
	? [
			...chosen,
			...chosen.map((page) => ({
				name: `${page.name} (en)`,
				path: page.path === '/' ? '/en/' : `/en${page.path}`,
			})),
		]
	: chosen;
const started = performance.now();
const { markdown, json } = await runFrontEndBudgets(origin, pages);
console.log(markdown);
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
if (values.json) writeFileSync(values.json, JSON.stringify(json, null, '\t'));
