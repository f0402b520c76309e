/**
 * Waits for the event loop's next turn (after pending I/O), so requests that arrived meanwhile are
 * served between two bounded steps of a long job: better-sqlite3 is synchronous, and a job run in
 * one stretch would hold every visitor for its whole length.
 */
export function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
