import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * Takes a lock held by a file with the holder's process id in it, created exclusively: a lock whose
 * process is gone (killed in the middle of its work) is taken over. Returns the release, or null
 * while a live process holds the lock (this one included).
 */
export function tryTakePidLock(file: string): (() => void) | null {
	for (;;) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(file, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		if (isProcessAlive(readPidLock(file))) return null;
		rmSync(file, { force: true });
	}
}

/** The process id in a lock file (0 when there is none). */
export function readPidLock(file: string): number {
	try {
		const pid = Number(readFileSync(file, 'utf8'));
		return Number.isInteger(pid) && pid > 0 ? pid : 0;
	} catch {
		return 0;
	}
}

function isProcessAlive(pid: number): boolean {
	if (pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
