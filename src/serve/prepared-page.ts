import type { OutgoingHttpHeaders } from 'node:http';
import { DEPENDS_HEADER } from '../lib/server/cache/change-scope';
import type { RecordedResponse } from './recording-response';

/**
 * How long this server may keep a page, when the page says (src/lib/server/cache/policy.ts): it
 * may exceed `s-maxage`, since writes reach this cache but not a CDN's. Never sent on.
 */
const NODE_FRESH = 'x-livefest-fresh';
const DEPENDS = DEPENDS_HEADER.toLowerCase();

/** Headers the serving layer sets per response, never copied from a stored one. */
const PER_RESPONSE = new Set([
	NODE_FRESH,
	DEPENDS,
	'content-length',
	'content-encoding',
	'transfer-encoding',
	'connection',
	'keep-alive',
	'etag',
	'date',
]);

/**
 * Whether this server may keep a response, and how long in seconds (fractions allowed): only a
 * 200 marked `public` with a positive freshness (NODE_FRESH, else `s-maxage`, else `max-age`),
 * without cookies and varying at most by encoding. Pages mark themselves
 * (src/lib/server/cache/policy.ts); anything else is private by default.
 */
export function sharedTtl(recorded: RecordedResponse): number {
	if (recorded.status !== 200) return 0;
	const cacheControl = String(recorded.headers['cache-control'] ?? '').toLowerCase();
	if (!/(^|,)\s*public\s*(,|$)/.test(cacheControl)) return 0;
	if (/private|no-store|no-cache/.test(cacheControl)) return 0;
	if (recorded.headers['set-cookie'] !== undefined) return 0;
	const vary = String(recorded.headers.vary ?? '').toLowerCase();
	if (vary && vary.split(',').some((v) => v.trim() !== 'accept-encoding')) return 0;
	const seconds =
		recorded.headers[NODE_FRESH]?.toString() ??
		/s-maxage=(\d+)/.exec(cacheControl)?.[1] ??
		/(?:^|[\s,])max-age=(\d+)/.exec(cacheControl)?.[1];
	const ttl = seconds ? Number(seconds) : 0;
	return Number.isFinite(ttl) && ttl > 0 ? ttl : 0;
}

/** The scopes a page said it shows; undefined when it did not say (every change touches it). */
export function readDependencies(recorded: RecordedResponse): string[] | undefined {
	const value = recorded.headers[DEPENDS];
	if (value === undefined) return undefined;
	return String(value).split(' ').filter(Boolean);
}

/** The response's headers as pairs, less those set per response. */
export function flattenHeaders(headers: OutgoingHttpHeaders): [string, string][] {
	const flat: [string, string][] = [];
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || PER_RESPONSE.has(name.toLowerCase())) continue;
		for (const item of Array.isArray(value) ? value : [value]) flat.push([name, String(item)]);
	}
	return flat;
}

/** Adds `field` to the response's Vary header, keeping what the page varies by already. */
export function addVary(headers: [string, string][], field: string): void {
	const at = headers.findIndex(([name]) => name.toLowerCase() === 'vary');
	// A fresh tuple: the array is a copy, its tuples are the cached page's own.
	if (at === -1) headers.push(['Vary', field]);
	else headers[at] = ['Vary', `${headers[at]![1]}, ${field}`];
}
