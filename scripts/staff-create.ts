/**
 * `npm run staff:create -- --email <address> [--role staff|admin|district] [--district <code>]
 * [--admin] [--lang en]`: creates a console account —
 * the way the first admin comes to exist (every later account is made by an admin in the
 * console). The password is typed at a hidden prompt on a terminal, or read from the first line
 * of standard input when piped (`… < file`), never from the command line, where it would be
 * kept in shell history and shown to other users by `ps`. It writes to the database DATABASE_PATH
 * names and refuses to create one: run without the service's environment, it would otherwise make
 * a second, empty database (`data/livefest.db`) that no portal serves, and report success.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTranslator } from '../src/i18n';
import { appClock } from '../src/lib/server/clock';
import { openDatabase } from '../src/lib/server/db';
import { hasSecretsKey } from '../src/lib/server/crypto/keyring';
import { env } from '../src/lib/server/env';
import { translateMessage } from '../src/lib/server/merchant/message';
import { findCurrentFestival } from '../src/lib/server/merchant/current-festival';
import { createStaffAccount, STAFF_ROLES, type StaffRole } from '../src/lib/server/staff/accounts';
import { loginFields } from '../src/lib/shared/forms/auth-form';

const USAGE = `Usage: npm run staff:create -- --email <address> [--role staff|admin|district]
                            [--district <code>] [--lang en]
  --email     the account's sign-in address
  --role      staff (the whole festival, the default), admin (also staff accounts and festival
              settings) or district (one district's reviews, venues, dashboard and exports)
  --district  a district account's district, by code (e.g. liwan)
  --admin     the same as --role admin
  --lang      language of the messages: zh-cn (default) or en
The password is asked for at a hidden prompt, or read from the first line of standard input.`;

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const input = process.stdin;
		process.stderr.write(question);
		input.setRawMode(true);
		input.resume();
		input.setEncoding('utf8');
		let typed = '';
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n') {
					input.setRawMode(false);
					input.pause();
					input.off('data', onData);
					process.stderr.write('\n');
					resolve(typed);
					return;
				}
				if (ch === '\u0003') {
					input.setRawMode(false);
					process.stderr.write('\n');
					reject(new Error('cancelled'));
					return;
				}
				if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
				else typed += ch;
			}
		};
		input.on('data', onData);
	});
}

/** The first line of piped standard input. */
async function readFirstLine(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function main(argv: string[]): Promise<number> {
	let values: {
		email?: string;
		role?: string;
		district?: string;
		admin?: boolean;
		lang?: string;
		help?: boolean;
	};
	try {
		({ values } = parseArgs({
			args: argv.filter((a) => a !== '--'),
			options: {
				email: { type: 'string' },
				role: { type: 'string' },
				district: { type: 'string' },
				admin: { type: 'boolean', default: false },
				lang: { type: 'string', default: 'zh-cn' },
				help: { type: 'boolean', short: 'h' },
			},
			allowPositionals: false,
		}));
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const t = createTranslator(values.lang === 'en' ? 'en' : 'zh-cn');
	const file = path.resolve(env.databasePath);
	if (!existsSync(file)) {
		console.error(t('staff.cli.noDatabase', { file }));
		return 1;
	}
	const email = loginFields.email.safeParse(values.email ?? '');
	if (!values.email || !email.success) {
		console.error(`${t('auth.emailInvalid')}\n${USAGE}`);
		return 2;
	}
	const role = (values.admin ? 'admin' : (values.role ?? 'staff')) as StaffRole;
	if (!STAFF_ROLES.includes(role) || (values.admin && values.role && values.role !== 'admin')) {
		console.error(`--role: staff, admin or district\n${USAGE}`);
		return 2;
	}
	if ((role === 'district') !== Boolean(values.district)) {
		console.error(
			`${t('staff.accounts.districtNeeded')} (--district only with --role district)\n${USAGE}`,
		);
		return 2;
	}
	let password: string;
	try {
		if (process.stdin.isTTY) {
			password = await promptHidden(`${t('staff.cli.password')} `);
			const again = await promptHidden(`${t('staff.cli.again')} `);
			if (again !== password) {
				console.error(t('auth.confirmMismatch'));
				return 1;
			}
		} else {
			password = await readFirstLine();
		}
	} catch {
		return 130;
	}
	const db = openDatabase(env.databasePath);
	try {
		const result = await createStaffAccount(
			db,
			{ userId: null, name: 'staff:create (CLI)' },
			{ email: email.data, role, password, district: values.district },
			appClock.now(),
			findCurrentFestival(db)?.city,
		);
		if (!result.ok) {
			const message =
				result.kind === 'invalid'
					? result.issues.map((i) => translateMessage(t, i.message, 'form.invalid')).join('\n')
					: t('form.failed');
			console.error(message);
			return 1;
		}
		console.log(
			t('staff.cli.created', {
				email: email.data,
				role: t(`staff.role.${role}`),
				id: result.userId,
				file,
			}),
		);
		// Admins must enrol an authenticator at their first sign-in; its key is sealed with SECRETS_KEY.
		if (role === 'admin' && !hasSecretsKey()) console.warn(t('staff.cli.noSecretsKey'));
		return 0;
	} finally {
		db.$client.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
