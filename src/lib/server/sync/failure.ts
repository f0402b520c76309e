import { encodeFormMessage } from '../../shared/forms/form-message';
import { BudgetExhaustedError } from './call-budget';
import { PayloadError } from './room-source';
import { SafeFetchError } from './safe-fetch';
import { WechatApiError } from './wechat-source';

/** How a failed sync is recorded and when it may run again. */
export interface SyncFailure {
	result: 'failed' | 'quota';
	/** A message id with parameters (`sync.error.timeout`), translated where it is shown. */
	message: string;
	retryAt: Date;
	/** Whether this failure counts towards the exponential backoff. */
	counts: boolean;
}

const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 3_600_000;
const QUOTA_BACKOFF_MS = 3_600_000;

/** 1, 2, 4 … minutes after the 1st, 2nd, 3rd … failure in a row, at most six hours. */
export function getBackoffMs(failures: number): number {
	return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
}

/**
 * Classifies what a sync threw. Messages carry no URL query strings, tokens or secrets: the
 * errors they come from never include them.
 */
export function describeSyncFailure(
	error: unknown,
	failures: number,
	now: Date,
	budgetResetAt: Date,
): SyncFailure {
	const backoff = new Date(now.getTime() + getBackoffMs(failures + 1));
	if (error instanceof BudgetExhaustedError) {
		const message = encodeFormMessage('sync.error.budget', { limit: error.limit });
		return { result: 'quota', message, retryAt: budgetResetAt, counts: false };
	}
	if (error instanceof WechatApiError) {
		const message = encodeFormMessage('sync.error.wechat', { code: error.errcode });
		if (!error.isQuota) return { result: 'failed', message, retryAt: backoff, counts: true };
		const later = Math.max(backoff.getTime(), now.getTime() + QUOTA_BACKOFF_MS);
		return { result: 'quota', message, retryAt: new Date(later), counts: true };
	}
	if (error instanceof SafeFetchError) {
		return {
			result: 'failed',
			message: `sync.error.${error.failure}`,
			retryAt: backoff,
			counts: true,
		};
	}
	if (error instanceof PayloadError) {
		return { result: 'failed', message: error.messageId, retryAt: backoff, counts: true };
	}
	return { result: 'failed', message: 'sync.error.unexpected', retryAt: backoff, counts: true };
}
