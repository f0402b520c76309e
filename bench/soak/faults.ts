/**
 * Issue 9's faults during the soak: the stand-in Meilisearch refused (down) twice and hung once,
 * on a schedule relative to the run's length, and one online backup of the live database through
 * the real command (`npm run db:backup`), whose integrity check is then repeated here.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkIntegrity } from '../../src/lib/server/ops/backup';
import type { MeiliStub, StubMode } from './meili-stub';

export interface FaultEvent {
	/** Seconds since the load started. */
	atS: number;
	event: string;
}

/** When the stand-in changes mode, as fractions of the run: two refusals and one hang. */
const SCHEDULE: [number, StubMode][] = [
	[0.15, 'down'],
	[0.25, 'up'],
	[0.38, 'hang'],
	[0.46, 'up'],
	[0.6, 'down'],
	[0.7, 'up'],
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Plays the schedule on `stub` (nothing without one); resolves after the last change. */
export async function scheduleFaults(options: {
	stub: MeiliStub | undefined;
	durationS: number;
	startedAt: number;
	events: FaultEvent[];
}): Promise<void> {
	const { stub, durationS, startedAt, events } = options;
	if (!stub) return;
	for (const [share, mode] of SCHEDULE) {
		await sleep(Math.max(0, startedAt + share * durationS * 1000 - performance.now()));
		await stub.setMode(mode);
		events.push({
			atS: Math.round((performance.now() - startedAt) / 1000),
			event: `meilisearch ${mode}`,
		});
	}
}

export interface BackupRun {
	exitCode: number | null;
	durationMs: number;
	file: string | null;
	/** `PRAGMA integrity_check` and `foreign_key_check` on the copy: empty when sound. */
	problems: string[];
	output: string;
}

/** A backup taken during the run, before its copy is checked. */
export type BackupCopy = Omit<BackupRun, 'problems'>;

/** `npm run db:backup -- --dir <dir>` against the live database, timed from spawn to exit. */
export async function runBackup(
	root: string,
	dbFile: string,
	dir: string,
	events: FaultEvent[],
	startedAt: number,
): Promise<BackupCopy> {
	const at = () => Math.round((performance.now() - startedAt) / 1000);
	events.push({ atS: at(), event: 'backup started' });
	const started = performance.now();
	const child = spawn('npm', ['run', '--silent', 'db:backup', '--', '--dir', dir], {
		cwd: root,
		env: { ...process.env, DATABASE_PATH: dbFile },
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk));
	const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	const durationMs = Math.round(performance.now() - started);
	events.push({ atS: at(), event: `backup finished (exit ${exitCode})` });
	const name = existsSync(dir)
		? readdirSync(dir).find((entry) => entry.endsWith('.db'))
		: undefined;
	const file = name ? path.join(dir, name) : null;
	return { exitCode, durationMs, file, output: output.trim().replace(/npm warn[^\n]*\n?/g, '') };
}

/**
 * The copy's integrity, checked once the traffic is over: `checkIntegrity` is synchronous, and on
 * a copy of the 270,000-room festival it held this process's event loop for 17 s — which the
 * report then counted as 17 s of latency on every request in flight.
 */
export function checkBackup(copy: BackupCopy): BackupRun {
	return { ...copy, problems: copy.file ? checkIntegrity(copy.file) : ['no backup file'] };
}
