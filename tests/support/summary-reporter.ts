import type { RunnerTask, RunnerTestFile } from 'vitest';
import type { Reporter } from 'vitest/reporters';

/**
 * Ends the run with one plain line, `vitest: N passed, N failed, N skipped`, the closing line CI
 * reads to tell a run that tested something from one that ran nothing.
 */
export default class SummaryReporter implements Reporter {
	onFinished(files: RunnerTestFile[] = []): void {
		const tally = { passed: 0, failed: 0, skipped: 0 };
		const visit = (task: RunnerTask): void => {
			if (task.type === 'suite') {
				task.tasks.forEach(visit);
				return;
			}
			const state = task.result?.state;
			if (state === 'pass') tally.passed++;
			else if (state === 'fail') tally.failed++;
			else tally.skipped++;
		};
		files.forEach(visit);
		process.stdout.write(
			`\nvitest: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`,
		);
	}
}
