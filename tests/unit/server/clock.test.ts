import { describe, expect, it } from 'vitest';
import { createRunningClock } from '../../../src/lib/server/clock';

describe('createRunningClock', () => {
	it('starts at the instant and then advances with the system clock', () => {
		let system = 1_000_000;
		const clock = createRunningClock(new Date('2026-06-07T12:00:00Z'), () => system);
		expect(clock.now().toISOString()).toBe('2026-06-07T12:00:00.000Z');
		system += 90_000;
		expect(clock.now().toISOString()).toBe('2026-06-07T12:01:30.000Z');
	});
});
