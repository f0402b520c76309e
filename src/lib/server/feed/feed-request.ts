import type { z } from 'zod';
import {
	consumeRateLimits,
	pruneRateLimits,
	toRetryAfterSeconds,
	type RateLimitRule,
} from '../auth/rate-limit';
import type { Db } from '../db';
import { env } from '../env';
import { jsonResponse } from '../http';
import type { FeedError } from './schemas';

/** One parameter at fault in a feed query, and what it should be. */
export interface FeedIssue {
	param: string;
	message: string;
}

/**
 * Feeds are public data: any site's script may read them (no credentials are ever involved, the
 * open paths read no session).
 */
export const FEED_CORS = { 'Access-Control-Allow-Origin': '*' } as const;

/** A feed's JSON answer; the middleware adds the public cache headers. */
export function feedJson(body: unknown): Response {
	return jsonResponse(200, body, FEED_CORS);
}

/** A refusal in the feeds' one error shape (schemas.ts `feedErrorSchema`), never cached. */
export function feedErrorResponse(
	status: number,
	message: string,
	issues?: FeedIssue[],
	headers: Record<string, string> = {},
): Response {
	const body: FeedError = { error: { message, ...(issues ? { issues } : {}) } };
	return jsonResponse(status, body, { 'Cache-Control': 'no-store', ...FEED_CORS, ...headers });
}

/** A 400 naming every parameter at fault. */
export function badQueryResponse(issues: FeedIssue[]): Response {
	return feedErrorResponse(400, 'The query has parameters that are not valid.', issues);
}

/**
 * Parses a feed's query string with its zod schema: a parameter given twice, one the feed does not
 * know, or a value the schema refuses is a 400 naming it (never a guess at what was meant, as the
 * public pages do: a republisher's code should learn of its mistake).
 */
export function parseFeedQuery<S extends z.ZodTypeAny>(
	params: URLSearchParams,
	schema: S,
): { ok: true; query: z.output<S> } | { ok: false; issues: FeedIssue[] } {
	const raw: Record<string, string> = {};
	const issues: FeedIssue[] = [];
	for (const [name, value] of params) {
		if (name in raw) issues.push({ param: name, message: 'given more than once' });
		else if (value !== '') raw[name] = value;
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			if (issue.code === 'unrecognized_keys') {
				for (const key of issue.keys)
					issues.push({ param: key, message: 'not a parameter of this feed' });
			} else {
				issues.push({ param: issue.path.join('.') || 'query', message: issue.message });
			}
		}
	}
	if (issues.length > 0 || !parsed.success) return { ok: false, issues };
	return { ok: true, query: parsed.data };
}

/** The issue for a `day` that is not one of the festival's `days`, if it is not. */
export function checkFestivalDay(days: readonly string[], day: string | undefined): FeedIssue[] {
	if (day === undefined || days.includes(day)) return [];
	return [{ param: 'day', message: `not a day of the festival (${days[0]} to ${days.at(-1)})` }];
}

/** The feed's own URL for page `page` of `day` (null for none), keeping its other parameters. */
export function linkPage(feedUrl: URL, day: string, page: number | null): string | null {
	if (page === null) return null;
	const url = new URL(feedUrl);
	url.searchParams.set('day', day);
	url.searchParams.set('page', String(page));
	return url.href;
}

/** Renders of the open feeds one address may cause per minute (FEED_RENDERS_PER_MINUTE). */
function feedRule(): RateLimitRule {
	return { name: 'feed:address', max: env.feedRendersPerMinute, windowMs: 60_000 };
}

/**
 * Counts one render of a feed for `address`, or answers 429 with Retry-After once it has used its
 * minute. Only renders count: a copy the serving layer or a CDN keeps costs nothing, so a
 * republisher polling one URL is never refused, while a client walking through query strings
 * to miss the cache is.
 */
export function limitFeedRender(db: Db, address: string, now: Date): Response | undefined {
	const counted = consumeRateLimits(db, [{ rule: feedRule(), subject: address }], now);
	if (counted.ok) {
		pruneRateLimits(db, now);
		return undefined;
	}
	return feedErrorResponse(
		429,
		'Too many requests from this address; try again later.',
		undefined,
		{
			'Retry-After': String(toRetryAfterSeconds(counted.retryAfterMs)),
		},
	);
}
