/**
 * Integration (`npm run staff:create`, run as an operator runs it, password piped): the account is
 * made in the database DATABASE_PATH names, and the command says which; pointed at no database —
 * as when run without the service's environment file — it creates none and says why, instead of
 * making a second, empty database that no portal serves and reporting success.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db';
import { findProjectRoot } from '../../../src/lib/server/project-root';
import { queryDb } from '../merchant/client';

const ROOT = findProjectRoot();
const dir = mkdtempSync(path.join(os.tmpdir(), 'livefest-staff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function staffCreate(database: string, args: string[], password: string) {
	const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: database };
	delete env.SECRETS_KEY;
	const run = spawnSync(
		process.execPath,
		['--import', 'tsx', path.join(ROOT, 'scripts', 'staff-create.ts'), ...args, '--lang', 'en'],
		{
			cwd: ROOT,
			env,
			input: `${password}\n`,
			encoding: 'utf8',
		},
	);
	return { status: run.status, out: run.stdout.trim(), err: run.stderr.trim() };
}

describe('npm run staff:create', () => {
	it('creates the account in the database DATABASE_PATH names, and says which', () => {
		const database = path.join(dir, 'served.db');
		openDatabase(database).$client.close();
		const made = staffCreate(
			database,
			['--email', 'chief@bureau.gov.cn', '--admin'],
			'Lychee-Season-2026',
		);
		expect([made.status, made.out, queryDb(database, 'select email, role from user')]).toEqual([
			0,
			`Created Admin account chief@bureau.gov.cn (id 1) in ${database}.`,
			[{ email: 'chief@bureau.gov.cn', role: 'admin' }],
		]);
	});

	it('creates no database where there is none, and says how to name the right one', () => {
		const missing = path.join(dir, 'nowhere', 'livefest.db');
		const refused = staffCreate(missing, ['--email', 'chief@bureau.gov.cn'], 'Lychee-Season-2026');
		expect([refused.status, refused.err.split('. ')[0], existsSync(missing)]).toEqual([
			1,
			`There is no database at ${missing}, and this command does not create one`,
			false,
		]);
	});

	it('refuses a bad address or a short password with the rule, writing nothing', () => {
		const database = path.join(dir, 'rules.db');
		openDatabase(database).$client.close();
		const badEmail = staffCreate(database, ['--email', 'not-an-address'], 'Lychee-Season-2026');
		const shortPassword = staffCreate(database, ['--email', 'a@bureau.gov.cn'], 'short');
		expect([
			badEmail.status,
			badEmail.err.split('\n')[0],
			shortPassword.status,
			shortPassword.err,
			queryDb(database, 'select count(*) n from user'),
		]).toEqual([
			2,
			'Enter a valid email address, such as name@example.com.',
			1,
			'The password needs at least 10 characters.',
			[{ n: 0 }],
		]);
	});
});
