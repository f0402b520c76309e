import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { encodeBody, pickEncoding, type EncodedBody } from './encoded-body';
import { acceptedEncodings, matchesEtag } from './negotiate';
import type { PageCache } from './page-cache';
import { RecordingResponse, type RecordedResponse } from './recording-response';
import type { StaticAsset } from './static-assets';

/** Astro's request handler in @astrojs/node's middleware mode. */
export type AstroHandler = (
	req: IncomingMessage,
	res: ServerResponse | RecordingResponse,
) => Promise<void>;

export interface ServingLayerOptions {
	handler: AstroHandler;
	statics: Map<string, StaticAsset>;
	cache: PageCache;
	/** Moves when another process committed to the database (see src/lib/server/cache/invalidate.ts). */
	contentVersion?: () => number | undefined;
	/** Real time in ms; the cache's freshness is wall-clock time even when the portal's clock is pinned. */
	clock?: () => number;
}

export interface ServingLayer {
	handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
	/** Drops every cached page; the next request for each renders afresh. */
	invalidate(): void;
	cache: PageCache;
}

/**
 * How long this server may keep a page, when the page says (src/lib/server/cache/policy.ts): it
 * may exceed `s-maxage`, since writes empty this cache but not a CDN's. Never sent on.
 */
const NODE_FRESH = 'x-livefest-fresh';

/** Headers the serving layer sets per response, never copied from a stored one. */
const PER_RESPONSE = new Set([
	NODE_FRESH,
	'content-length',
	'content-encoding',
	'transfer-encoding',
	'connection',
	'keep-alive',
	'etag',
	'date',
]);

/** A rendered response ready to send, cached or not. */
interface Prepared {
	status: number;
	headers: [string, string][];
	body: EncodedBody;
	/** Seconds a shared cache may keep it; 0 when it must not be shared. */
	ttl: number;
}

/**
 * Whether this server may keep a response, and how long: only a 200 marked `public` with a
 * positive freshness (NODE_FRESH, else `s-maxage`, else `max-age`), without cookies and varying at
 * most by encoding. Pages mark themselves (src/lib/server/cache/policy.ts); anything else is
 * private by default.
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
	return seconds ? Number(seconds) || 0 : 0;
}

function flattenHeaders(headers: OutgoingHttpHeaders): [string, string][] {
	const flat: [string, string][] = [];
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || PER_RESPONSE.has(name.toLowerCase())) continue;
		for (const item of Array.isArray(value) ? value : [value]) flat.push([name, String(item)]);
	}
	return flat;
}

/**
 * Routes every Astro build registers whether used or not. The portal has no server islands and no
 * image optimisation, and on Astro 5 both carry unfixed advisories (an unbounded request body on
 * the islands route, GHSA-3rmj-9m5h-8fpv; sharp's decoders behind /_image): they never reach Astro.
 */
const UNUSED_ASTRO_ROUTES = /^\/+(_server-islands|_image)(\/|\?|$)/i;

/** Adds `field` to the response's Vary header, keeping what the page varies by already. */
function addVary(headers: [string, string][], field: string): void {
	const at = headers.findIndex(([name]) => name.toLowerCase() === 'vary');
	// A fresh tuple: the array is a copy, its tuples are the cached page's own.
	if (at === -1) headers.push(['Vary', field]);
	else headers[at] = ['Vary', `${headers[at]![1]}, ${field}`];
}

/** The URL as Astro will route it; undefined when its percent-encoding is malformed (a 500 there). */
function decodeUrl(url: string): string | undefined {
	try {
		return decodeURI(url);
	} catch {
		return undefined;
	}
}

function isAnonymous(req: IncomingMessage): boolean {
	return req.headers.cookie === undefined && req.headers.authorization === undefined;
}

/**
 * The portal's own HTTP layer around Astro (see ARCHITECTURE.md, "Serving"):
 * - files of the client build from memory, compressed, with long-lived caching for hashed names;
 * - anonymous GET pages from an in-memory cache keyed by host, path and query (the locale is in the
 *   path), filled by the first request (the others wait for that one render), emptied by every
 *   write that changes a public page and by commits from other processes, each entry fresh for as
 *   long as the page said (until something it shows changes by the clock; see cache/policy.ts);
 * - every GET body compressed (brotli or gzip, as the client accepts) with an ETag and 304s;
 * - everything else (signed-in visitors, forms, other methods) rendered by Astro every time.
 */
export function createServingLayer(options: ServingLayerOptions): ServingLayer {
	const { handler, statics, cache } = options;
	const clock = options.clock ?? Date.now;
	const inflight = new Map<string, Promise<Prepared>>();
	let generation = 0;
	let contentVersion = options.contentVersion?.();

	function invalidate(): void {
		generation += 1;
		cache.clear();
	}

	function send(
		req: IncomingMessage,
		res: ServerResponse,
		page: { status: number; headers: [string, string][]; body: EncodedBody },
		cacheState: string,
	): void {
		const chosen = pickEncoding(page.body, acceptedEncodings(req.headers['accept-encoding']));
		const headers: [string, string][] = [...page.headers, ['X-Cache', cacheState]];
		if (page.body.br || page.body.gzip) addVary(headers, 'Accept-Encoding');
		if (page.status === 200) {
			headers.push(['ETag', chosen.etag]);
			if (matchesEtag(req.headers['if-none-match'], chosen.etag)) {
				res.writeHead(304, headers.flat());
				res.end();
				return;
			}
		}
		if (chosen.encoding !== 'identity') headers.push(['Content-Encoding', chosen.encoding]);
		headers.push(['Content-Length', String(chosen.bytes.length)]);
		res.writeHead(page.status, headers.flat());
		res.end(req.method === 'HEAD' ? undefined : chosen.bytes);
	}

	async function render(req: IncomingMessage): Promise<Prepared> {
		const recorder = new RecordingResponse(req);
		await handler(req, recorder);
		const recorded = await recorder.done;
		const headers = flattenHeaders(recorded.headers);
		const contentType = recorded.headers['content-type'];
		const body = await encodeBody(
			recorded.body,
			typeof contentType === 'string' ? contentType : undefined,
		);
		return { status: recorded.status, headers, body, ttl: sharedTtl(recorded) };
	}

	/**
	 * Renders `key` for this request and lets everyone asking for it meanwhile wait for that
	 * render instead of starting their own; keeps the result if it may be shared.
	 */
	function renderAsLeader(req: IncomingMessage, key: string): Promise<Prepared> {
		const startedAt = generation;
		const promise = render(req)
			.then((prepared) => {
				// A write committed while this page rendered: serve it to those who asked, keep it not.
				if (prepared.ttl > 0 && startedAt === generation) {
					cache.set(key, { ...prepared, freshUntil: clock() + prepared.ttl * 1000 });
				}
				return prepared;
			})
			.finally(() => inflight.delete(key));
		inflight.set(key, promise);
		return promise;
	}

	/** `cacheState` for responses that went through the cache: MISS when kept, BYPASS when not. */
	async function sendRendered(
		req: IncomingMessage,
		res: ServerResponse,
		rendering: Promise<Prepared>,
		viaCache = false,
	): Promise<void> {
		const prepared = await rendering.catch((error: unknown) => {
			console.error(`livefest: could not render ${req.url}:`, error);
			return undefined;
		});
		if (!prepared) {
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end('Internal server error');
			return;
		}
		send(req, res, prepared, viaCache && prepared.ttl > 0 ? 'MISS' : 'BYPASS');
	}

	/** Serves an anonymous GET from the cache, or renders it once for all who ask meanwhile. */
	async function handleAnonymous(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const version = options.contentVersion?.();
		if (version !== contentVersion) {
			contentVersion = version;
			invalidate();
		}
		const key = `${req.headers.host ?? ''}${req.url ?? '/'}`;
		const bypass = /no-cache/i.test(String(req.headers['cache-control'] ?? ''));
		const hit = bypass ? undefined : cache.get(key, clock());
		if (hit) return send(req, res, hit, 'HIT');
		const pending = inflight.get(key);
		if (!pending) return sendRendered(req, res, renderAsLeader(req, key), true);
		const shared = await pending.catch(() => undefined);
		// Pages that may not be shared (they vary by browser, or failed) are rendered per request.
		if (shared && shared.ttl > 0) return send(req, res, shared, 'COALESCED');
		return sendRendered(req, res, render(req));
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = req.url ?? '/';
		const decoded = decodeUrl(url);
		if (decoded === undefined) {
			res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end('Bad request: the address is not valid percent-encoded UTF-8.');
			return;
		}
		if (UNUSED_ASTRO_ROUTES.test(decoded)) {
			res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end('Not found.');
			return;
		}
		const method = req.method ?? 'GET';
		if (method !== 'GET' && method !== 'HEAD') return handler(req, res);
		const queryAt = url.indexOf('?');
		const asset = statics.get(queryAt === -1 ? url : url.slice(0, queryAt));
		if (asset) {
			const headers: [string, string][] = [
				['Content-Type', asset.contentType],
				['Cache-Control', asset.cacheControl],
				['X-Content-Type-Options', 'nosniff'],
			];
			return send(req, res, { status: 200, headers, body: asset.body }, 'STATIC');
		}
		if (method === 'GET' && isAnonymous(req)) return handleAnonymous(req, res);
		return sendRendered(req, res, render(req));
	}

	return { handle, invalidate, cache };
}
