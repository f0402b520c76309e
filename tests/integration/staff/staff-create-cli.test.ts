import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFestivalWorld } from '../../support/factories';
import { createTempDb } from '../../support/temp-db';
import { queryDb } from '../merchant/client';

/**
 * Integration: `npm run staff:create` makes district staff for one district, the password piped
 * on standard input, and refuses a district account without its district.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');

let temp: ReturnType<typeof createTempDb>;
let districtCode: string;
beforeAll(() => {
	temp = createTempDb();
	districtCode = createFestivalWorld(temp.db).district.code;
	temp.db.$client.close();
});
afterAll(() => temp.cleanup());

/** Runs the script with `args`, the password on stdin; its exit code and what it printed. */
function staffCreate(args: string[]): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/staff-create.ts', '--', ...args],
			{ cwd: ROOT, env: { ...process.env, DATABASE_PATH: temp.file } },
		);
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.stdin.end('Lychee-Season-2026-District\n');
		child.on('close', (code) => resolve({ code, output }));
	});
}

describe('npm run staff:create', () => {
	it('creates a district account for the district named by code', async () => {
		const result = await staffCreate([
			'--email',
			'liwan@district.gov.cn',
			'--role',
			'district',
			'--district',
			districtCode,
			'--lang',
			'en',
		]);
		const rows = queryDb<{ role: string; code: string }>(
			temp.file,
			`select u.role, d.code from user u join district d on d.id = u.district_id
			where u.email = 'liwan@district.gov.cn'`,
		);
		expect([result.code, rows]).toEqual([0, [{ role: 'district', code: districtCode }]]);
	});

	it('refuses a district account without a district, or with one that does not exist', async () => {
		const [missing, unknown] = await Promise.all([
			staffCreate(['--email', 'a@district.gov.cn', '--role', 'district', '--lang', 'en']),
			staffCreate([
				'--email',
				'b@district.gov.cn',
				'--role',
				'district',
				'--district',
				'mars',
				'--lang',
				'en',
			]),
		]);
		const made = queryDb(
			temp.file,
			"select id from user where email in ('a@district.gov.cn', 'b@district.gov.cn')",
		);
		expect([missing.code, unknown.code, unknown.output.trim(), made]).toEqual([
			2,
			1,
			'No such district or category',
			[],
		]);
	});
});
