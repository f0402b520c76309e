/**
 * A merchant's WeChat calls per hour. WeChat's quotas are per mini program and finite; a sync
 * that would go over the portal's share stops before the call, not after WeChat refuses it.
 */
export class BudgetExhaustedError extends Error {
	constructor(readonly limit: number) {
		super(`the hourly budget of ${limit} calls is spent`);
		this.name = 'BudgetExhaustedError';
	}
}

export interface CallBudget {
	/** Counts one call; throws BudgetExhaustedError when the hour's budget is spent. */
	take(): void;
	readonly used: number;
	readonly hourStart: Date;
}

const HOUR_MS = 3_600_000;

/** A budget continuing the stored window, or a fresh one when an hour has passed since it began. */
export function createCallBudget(
	stored: { hourStart: Date | null; used: number },
	limit: number,
	now: Date,
): CallBudget {
	const fresh = !stored.hourStart || now.getTime() - stored.hourStart.getTime() >= HOUR_MS;
	let used = fresh ? 0 : stored.used;
	const hourStart = fresh ? now : stored.hourStart!;
	return {
		take() {
			if (used >= limit) throw new BudgetExhaustedError(limit);
			used += 1;
		},
		get used() {
			return used;
		},
		hourStart,
	};
}

/** When a budget window that began at `hourStart` allows calls again. */
export function getBudgetResetAt(hourStart: Date): Date {
	return new Date(hourStart.getTime() + HOUR_MS);
}
