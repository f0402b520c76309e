import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANY_SCOPE } from '../lib/server/cache/change-scope';
import { isOpenPath } from '../lib/server/security/open-paths';
import type { ServingFacts } from '../lib/server/serving-facts';
import { compileTrustedProxies, type TrustProxy } from './client-address';
import { passFrontDoor, type OpsEndpoints } from './front-door';
import { encodeBody, pickEncoding, type EncodedBody } from './encoded-body';
import { acceptedEncodings, matchesEtag } from './negotiate';
import type { Change, PageCache } from './page-cache';
import { addVary, flattenHeaders, readDependencies, sharedTtl } from './prepared-page';
import { RecordingResponse } from './recording-response';
import { findRequestRecord } from './request-log';
import type { StaticAsset } from './static-assets';

/**
 * Astro's request handler in @astrojs/node's middleware mode; `locals` become the render's
 * `Astro.locals` (the serving layer hands in `servingFacts`, which the middleware fills).
 */
export type AstroHandler = (
	req: IncomingMessage,
	res: ServerResponse | RecordingResponse,
	next?: undefined,
	locals?: { servingFacts: ServingFacts },
) => Promise<void>;

/**
 * How long after a change was written (or after the phase change a page shows) the cache may
 * still answer with the copy that misses it, while one background render refreshes it. Past it,
 * requests wait for the fresh render. With the feed's poll (change-feed.ts, 250 ms) a page shows a
 * write at most 4.25 s after it commits: the stated bound is 5 s.
 */
export const STALE_SERVE_MS = 4_000;

/** The stated bound: a committed write, or a phase change, shows on every page within this. */
export const STALENESS_BOUND_MS = 5_000;

/** While changes keep coming, a page is re-rendered at most this often (well within the bound). */
export const REFRESH_SPACING_MS = 1_000;

/** Changes remembered for renders in flight; a render older than these is taken as stale. */
const RECENT_CHANGES = 5_000;

export interface ServingLayerOptions {
	handler: AstroHandler;
	statics: Map<string, StaticAsset>;
	cache: PageCache;
	/** The sequence number of the last change already committed when the cache starts empty. */
	startSeq?: number;
	/** Real time in ms; the cache's freshness is wall-clock time even when the portal's clock is pinned. */
	clock?: () => number;
	/** Which peers' `X-Forwarded-For` is believed (client-address.ts); no one's by default. */
	trustProxy?: TrustProxy;
	/** `/healthz`, `/readyz`, `/metrics` (ops-endpoints.ts); none by default. */
	ops?: OpsEndpoints;
	/** Told how long each recorded render took (metrics). */
	onRender?: (route: string, seconds: number) => void;
	/** Where a failed render is reported (the server's log); the console by default. */
	reportError?: (req: IncomingMessage, what: string, error: unknown) => void;
}

/** The default report: the path without its query (which may hold what someone searched). */
function reportToConsole(req: IncomingMessage, what: string, error: unknown): void {
	console.error(`livefest: ${what} ${(req.url ?? '/').split('?')[0]}:`, error);
}

export interface ServingLayer {
	handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
	/** Marks the cached pages these committed changes touch (read by change-feed.ts) as stale. */
	applyChanges(changes: readonly Change[]): void;
	cache: PageCache;
}

/** A rendered response ready to send, cached or not. */
interface Prepared {
	status: number;
	headers: [string, string][];
	body: EncodedBody;
	/** Seconds a shared cache may keep it; 0 when it must not be shared. */
	ttl: number;
	deps: string[] | undefined;
	/** The route pattern Astro matched, for the log and metrics of answers from the cache. */
	route?: string;
	/** The search engine that answered, when the render ran a search. */
	searchEngine?: string;
}

/**
 * Responses streamed to the client as Astro writes them, never recorded: the console's CSV
 * exports (50 MB at 270,000 rooms) come in bounded chunks with the event loop free between them,
 * and joining, hashing and compressing them whole here would freeze it for ~100 ms at the end.
 * They are private downloads, so nothing is lost by not caching or compressing them.
 */
const STREAMED_ROUTES = /^(\/en)?\/+staff\/+export\//i;

function isAnonymous(req: IncomingMessage): boolean {
	return req.headers.cookie === undefined && req.headers.authorization === undefined;
}

/**
 * The portal's own HTTP layer around Astro (see ARCHITECTURE.md, "Serving"):
 * - files of the client build from memory, compressed, with long-lived caching for hashed names;
 * - anonymous GET pages from an in-memory cache keyed by host, path and query (the locale is in the
 *   path). The first request renders (others asking meanwhile wait for that one render). A copy is
 *   fresh until the next phase change it shows and until a change to a scope it shows commits
 *   (applyChanges); then it is served stale (`X-Cache: STALE`) for up to STALE_SERVE_MS while one
 *   background render replaces it, and past that requests wait for the fresh render;
 * - every GET body compressed (brotli or gzip, as the client accepts) with an ETag and 304s;
 * - everything else (signed-in visitors, forms, other methods) rendered by Astro every time, and
 *   the console's CSV exports streamed straight through (STREAMED_ROUTES).
 */
export function createServingLayer(options: ServingLayerOptions): ServingLayer {
	const { handler, statics, cache } = options;
	const clock = options.clock ?? Date.now;
	const trustProxy = options.trustProxy ?? compileTrustedProxies([]);
	const report = options.reportError ?? reportToConsole;
	const inflight = new Map<string, Promise<Prepared>>();
	let seq = options.startSeq ?? 0;
	/** The latest changes applied, oldest first, for renders that were in flight meanwhile. */
	const recent: Change[] = [];
	let forgottenSeq = seq;

	function applyChanges(changes: readonly Change[]): void {
		for (const change of changes) {
			if (change.seq <= seq) continue;
			seq = change.seq;
			cache.applyChange(change);
			recent.push(change);
		}
		if (recent.length > RECENT_CHANGES) {
			forgottenSeq = recent[recent.length - RECENT_CHANGES - 1]!.seq;
			recent.splice(0, recent.length - RECENT_CHANGES);
		}
	}

	/** When the first change after `since` touching `deps` was written; Infinity for none. */
	function missedSince(since: number, deps: readonly string[] | undefined, startedAt: number) {
		if (since < forgottenSeq) return startedAt;
		let first = Number.POSITIVE_INFINITY;
		for (let i = recent.length - 1; i >= 0 && recent[i]!.seq > since; i -= 1) {
			const change = recent[i]!;
			if (!deps || change.scope === ANY_SCOPE || deps.includes(change.scope)) {
				first = Math.min(first, change.changedAt);
			}
		}
		return first;
	}

	function send(
		req: IncomingMessage,
		res: ServerResponse,
		page: { status: number; headers: [string, string][]; body: EncodedBody; route?: string },
		cacheState: string,
	): void {
		const record = findRequestRecord(req);
		if (record) {
			record.cache = cacheState;
			record.route ??= page.route;
		}
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
		const facts: ServingFacts = {};
		const started = performance.now();
		await handler(req, recorder, undefined, { servingFacts: facts });
		const recorded = await recorder.done;
		options.onRender?.(facts.route ?? '(none)', (performance.now() - started) / 1000);
		const headers = flattenHeaders(recorded.headers);
		const contentType = recorded.headers['content-type'];
		const body = await encodeBody(
			recorded.body,
			typeof contentType === 'string' ? contentType : undefined,
		);
		const ttl = sharedTtl(recorded);
		const deps = readDependencies(recorded);
		return { status: recorded.status, headers, body, ttl, deps, ...facts };
	}

	/**
	 * Renders `key` for this request and lets everyone asking for it meanwhile wait for that
	 * render instead of starting their own. Keeps the result if it may be shared — stale from the
	 * first change it may have missed, if one touching it committed during the render — and drops
	 * the old copy if it may not (the page became private, missing or failed).
	 */
	function renderAsLeader(req: IncomingMessage, key: string): Promise<Prepared> {
		const startedAt = clock();
		const startSeq = seq;
		const promise = render(req)
			.then((prepared) => {
				if (prepared.ttl <= 0) {
					cache.delete(key);
					return prepared;
				}
				cache.set(key, {
					...prepared,
					freshUntil: startedAt + prepared.ttl * 1000,
					staleSince: missedSince(startSeq, prepared.deps, startedAt),
					seq: startSeq,
					renderedAt: startedAt,
				});
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
			report(req, 'could not render', error);
			return undefined;
		});
		if (!prepared) {
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end('Internal server error');
			return;
		}
		const record = findRequestRecord(req);
		if (record && prepared.searchEngine) record.searchEngine = prepared.searchEngine;
		send(req, res, prepared, viaCache && prepared.ttl > 0 ? 'MISS' : 'BYPASS');
	}

	/**
	 * Serves an anonymous GET from the cache — fresh, or stale within the bound while one
	 * background render refreshes it — or renders it once for all who ask meanwhile.
	 */
	async function handleAnonymous(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const key = `${req.headers.host ?? ''}${req.url ?? '/'}`;
		const bypass = /no-cache/i.test(String(req.headers['cache-control'] ?? ''));
		const entry = bypass ? undefined : cache.get(key);
		if (entry) {
			const now = clock();
			const staleAt = Math.min(entry.freshUntil, entry.staleSince);
			if (now < staleAt) return send(req, res, entry, 'HIT');
			if (now - staleAt <= STALE_SERVE_MS) {
				if (!inflight.has(key) && now - entry.renderedAt >= REFRESH_SPACING_MS) {
					renderAsLeader(req, key).catch((error: unknown) => {
						report(req, 'could not refresh', error);
					});
				}
				return send(req, res, entry, 'STALE');
			}
		}
		const pending = inflight.get(key);
		if (!pending) return sendRendered(req, res, renderAsLeader(req, key), true);
		const shared = await pending.catch(() => undefined);
		// Pages that may not be shared (they vary by browser, or failed) are rendered per request.
		if (shared && shared.ttl > 0) return send(req, res, shared, 'COALESCED');
		return sendRendered(req, res, render(req));
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const decoded = await passFrontDoor(req, res, trustProxy, options.ops ?? {});
		if (decoded === undefined) return;
		const method = req.method ?? 'GET';
		const url = req.url ?? '/';
		// Straight to Astro: the middleware writes the route into the request's record.
		const direct = () =>
			handler(req, res, undefined, { servingFacts: findRequestRecord(req) ?? {} });
		if (method !== 'GET' && method !== 'HEAD') return direct();
		if (STREAMED_ROUTES.test(decoded)) return direct();
		const queryAt = url.indexOf('?');
		const asset = statics.get(queryAt === -1 ? url : url.slice(0, queryAt));
		if (asset) {
			const headers: [string, string][] = [
				['Content-Type', asset.contentType],
				['Cache-Control', asset.cacheControl],
				['X-Content-Type-Options', 'nosniff'],
			];
			const page = { status: 200, headers, body: asset.body, route: '(static)' };
			return send(req, res, page, 'STATIC');
		}
		// The widget and the feeds read no session (auth/middleware.ts): a cookie the portal set
		// for its own pages changes nothing in them, so they come from the cache all the same.
		const path = queryAt === -1 ? decoded : decoded.slice(0, decoded.indexOf('?'));
		if (method === 'GET' && (isAnonymous(req) || isOpenPath(path))) {
			return handleAnonymous(req, res);
		}
		return sendRendered(req, res, render(req));
	}

	return { handle, applyChanges, cache };
}
