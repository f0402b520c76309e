/**
 * Integration (`npm start`'s own script and the setup command, run as an operator would): with
 * LIVEFEST_DEMO=0 — or NODE_ENV=production whatever LIVEFEST_DEMO says — an empty database is not
 * seeded and every visitor is told which command sets the festival up; `npm run festival:setup`
 * with a file then sets it up in the served database, the pages show it in both languages at
 * once, and running the same file again changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBuildFresh } from '../../../scripts/build-freshness';
import { findProjectRoot } from '../../../src/lib/server/project-root';
import { queryDb } from '../merchant/client';
import { startServer, type RunningServer } from '../../support/server';

const ROOT = findProjectRoot();
const NOW = '2026-06-07T04:00:00Z';
const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-setup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The origin the build was made for: `npm start` would rebuild for any other. */
function builtOrigin(): string {
	const stamp = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'livefest-build.json'), 'utf8'));
	const origin = (stamp as { publicOrigin: string }).publicOrigin;
	if (!isBuildFresh(ROOT, origin))
		throw new Error('dist/ is older than the sources: npm run build');
	return origin;
}

/** `npm start` (scripts/start.ts) on `file`, with these variables. */
function startPortal(file: string, env: Record<string, string>): Promise<RunningServer> {
	return startServer({
		file,
		now: NOW,
		args: ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')],
		env: { PUBLIC_ORIGIN: builtOrigin(), ...env },
	});
}

/** `npm run festival:setup -- <file>` against `database`: its exit code and output. */
function runSetup(database: string, festivalFile: string) {
	const run = spawnSync(
		process.execPath,
		[
			'--import',
			'tsx',
			path.join(ROOT, 'scripts', 'festival-setup.ts'),
			festivalFile,
			'--lang',
			'en',
		],
		{ cwd: ROOT, env: { ...process.env, DATABASE_PATH: database }, encoding: 'utf8' },
	);
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const mainText = async (server: RunningServer, pathname: string) => {
	const html = await (await server.getFresh(pathname)).text();
	return (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
};

let portal: RunningServer;
const database = path.join(dir, 'festival.db');
beforeAll(async () => {
	portal = await startPortal(database, { LIVEFEST_DEMO: '0' });
}, 60_000);
afterAll(() => portal?.stop());

describe('a real festival on an empty database', () => {
	it('is not seeded: the portal says which command sets it up, in both languages', async () => {
		const [zh, en] = [await mainText(portal, '/'), await mainText(portal, '/en/')];
		expect([
			queryDb<{ n: number }>(database, 'select count(*) n from festival')[0]!.n,
			zh.includes('直播节门户尚未设置') && zh.includes('npm run festival:setup -- festival.json'),
			en.includes('not set up yet') && en.includes('npm run festival:setup -- festival.json'),
		]).toEqual([0, true, true]);
	});

	it('is set up from a file by the command and served at once; the same file again changes nothing', async () => {
		const file = path.join(dir, 'festival.json');
		const json = JSON.parse(
			readFileSync(path.join(ROOT, 'deploy', 'festival.example.json'), 'utf8'),
		);
		writeFileSync(file, JSON.stringify({ ...json, published: true }));
		const first = runSetup(database, file);
		const home = await mainText(portal, '/');
		const schedule = await mainText(portal, '/en/schedule?day=2026-06-07');
		const again = runSetup(database, file);
		expect([
			first.status,
			first.output.split('\n')[0],
			home.includes('2026广州直播带货节'),
			schedule.includes('Tianhe') && schedule.includes('Time-honoured brands'),
			again.status,
			again.output.split('\n').slice(0, 3),
			queryDb<{ n: number }>(database, 'select count(*) n from festival')[0]!.n,
			(await portal.get('/readyz')).status,
		]).toEqual([
			0,
			`Festival gz-live-2026 (id 1) created in ${database}.`,
			true,
			true,
			0,
			[
				`Festival gz-live-2026 (id 1) checked (no change) in ${database}.`,
				'Districts: 0 created, 0 updated, 11 unchanged.',
				'Categories: 0 created, 0 updated, 15 unchanged.',
			],
			1,
			200,
		]);
	});

	it('refuses a bad file with each problem at its JSON path, writing nothing', () => {
		const file = path.join(dir, 'bad.json');
		writeFileSync(file, JSON.stringify({ slug: 'Bad Slug', districts: [] }));
		const untouched = path.join(dir, 'untouched.db');
		const refused = runSetup(untouched, file);
		expect([refused.status, existsSync(untouched), refused.output.split('\n').slice(0, 3)]).toEqual(
			[
				1,
				false,
				[
					`${file} has 8 problem(s); nothing was written:`,
					'  slug: A slug is lower-case letters, digits and hyphens, 2–64 characters.',
					'  name: Please fill this in.',
				],
			],
		);
	});
});

describe('NODE_ENV=production', () => {
	it('never seeds the demo, even with LIVEFEST_DEMO=1', async () => {
		const file = path.join(dir, 'production.db');
		const server = await startPortal(file, { NODE_ENV: 'production', LIVEFEST_DEMO: '1' });
		try {
			const page = await mainText(server, '/');
			expect([
				queryDb<{ n: number }>(file, 'select count(*) n from festival')[0]!.n,
				page.includes('npm run festival:setup'),
			]).toEqual([0, true]);
		} finally {
			await server.stop();
		}
	}, 60_000);
});
