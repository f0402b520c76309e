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

/** The clock the running portal uses: the system's, unless `LIVEFEST_NOW` pins it. */
export const appClock: Clock = env.fixedNow ? createFixedClock(env.fixedNow) : systemClock;
