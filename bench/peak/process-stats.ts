import { readFileSync } from 'node:fs';

/** Resident memory of a process, in MB, from /proc (Linux): now (VmRSS) and at its peak (VmHWM). */
export function readProcessMemory(pid: number): { rssMB: number; peakRssMB: number } | null {
	let status: string;
	try {
		status = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return null; // not Linux, or the process is gone
	}
	const field = (name: string) => {
		const kB = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
		return kB === undefined ? Number.NaN : Math.round(Number(kB) / 102.4) / 10;
	};
	return { rssMB: field('VmRSS'), peakRssMB: field('VmHWM') };
}

/** CPU time a process has used so far (user + system), in seconds, from /proc/<pid>/stat. */
export function readCpuSeconds(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may hold spaces), 1-based: utime is 14, stime 15.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks; 100 Hz on Linux
	} catch {
		return null;
	}
}
