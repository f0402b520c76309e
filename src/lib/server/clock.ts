import { env } from './env';

/** Where "now" comes from; injected so tests and demos can pin it. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant. */
export function createFixedClock(instant: Date): Clock {
	return { now: () => new Date(instant.getTime()) };
}

/**
 * A clock that reads `instant` when created and then runs at the system clock's pace: a benchmark
 * on a database seeded for fixed dates still sees rooms start and end.
 */
export function createRunningClock(instant: Date, systemNow: () => number = Date.now): Clock {
	const offset = instant.getTime() - systemNow();
	return { now: () => new Date(systemNow() + offset) };
}

/**
 * The clock the running portal uses: the system's, unless `LIVEFEST_NOW` pins it (or, with
 * `LIVEFEST_CLOCK=running`, starts it there).
 */
export const appClock: Clock = env.fixedNow
	? env.clockRuns
		? createRunningClock(env.fixedNow)
		: createFixedClock(env.fixedNow)
	: systemClock;
