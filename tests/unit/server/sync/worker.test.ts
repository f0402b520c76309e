import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../../../src/lib/server/sync/worker';

describe('mapWithConcurrency', () => {
	it('never runs more than the limit at once and keeps the order of results', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
			running += 1;
			peak = Math.max(peak, running);
			await new Promise((r) => setTimeout(r, n * 5));
			running -= 1;
			return n * 10;
		});
		expect([results, peak]).toEqual([[50, 10, 40, 20, 30], 2]);
	});
	it('an empty list resolves at once', async () => {
		expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
	});
});
