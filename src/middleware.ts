import type { APIContext } from 'astro';
import { defineMiddleware, sequence } from 'astro:middleware';
import { server as actionsServer } from './actions';
import { authenticate } from './lib/server/auth/middleware';
import { appClock } from './lib/server/clock';
import { collectPageFacts, publicCacheHeaders } from './lib/server/cache/policy';
import { getDb, queryTally } from './lib/server/db';
import { env } from './lib/server/env';
import { runForClient } from './lib/server/request-client';
import { runWithServingFacts } from './lib/server/serving-facts';
import { checkActionName, listActionNames } from './lib/server/security/action-names';
import { isCrossSiteWrite } from './lib/server/security/csrf';
import { buildSecurityHeaders } from './lib/server/security/headers';

/** Served over https: the configured public origin is the truth (see security/headers.ts). */
const HTTPS = env.publicOrigin.startsWith('https://');

/** Every action src/actions/ defines, by name (`auth.login`): the only names a POST may call. */
const ACTION_NAMES = listActionNames(actionsServer);

/**
 * The client address the serving layer decided (src/serve/client-address.ts), which Astro hands
 * on as `clientAddress`; `unknown` where there is none (a test container).
 */
function readClientAddress(context: APIContext): string {
	try {
		return context.clientAddress;
	} catch {
		return 'unknown';
	}
}

/**
 * Stamps the request with one clock reading and its client address (for every limit and audit
 * entry, request-client.ts), counts the SQL statements the page's frontmatter runs
 * (reported in `Server-Timing`, which the query-count tests read), adds security headers, and
 * lets shared caches keep public pages rendered for anonymous visitors (`locals.publicCache`;
 * a signed-in visitor's response is already marked private by `authenticate`), naming for the
 * serving layer how long and on which changes they depend (cache/policy.ts).
 */
const observe = defineMiddleware((context, next) =>
	// The page's frontmatter has run when `next` resolves: what its loaders noted is still in reach.
	collectPageFacts(async () => {
		context.locals.now = appClock.now();
		context.locals.clientAddress = readClientAddress(context);
		const facts = context.locals.servingFacts;
		if (facts) facts.route = context.routePattern;
		const tally = { count: 0 };
		const started = performance.now();
		const response = await runForClient(context.locals.clientAddress, () =>
			runWithServingFacts(facts, () => queryTally.run(tally, next)),
		);
		return decorate(context, response, tally, started);
	}),
);

/**
 * Adds `Server-Timing`, the security headers, `Retry-After` to a 429 whose action said when
 * (actions/support.ts `refuse`) and, for public pages, the cache headers.
 */
function decorate(
	context: APIContext,
	response: Response,
	tally: { count: number },
	started: number,
): Response {
	const headers = new Headers(response.headers);
	headers.append(
		'Server-Timing',
		`app;dur=${(performance.now() - started).toFixed(1)}, db;desc="${tally.count} queries"`,
	);
	const security = buildSecurityHeaders(context.url.pathname, HTTPS, env.embedOrigins);
	for (const [name, value] of Object.entries(security)) {
		if (!headers.has(name)) headers.set(name, value);
	}
	const retryAfter = context.locals.retryAfterSeconds;
	if (response.status === 429 && retryAfter && !headers.has('Retry-After')) {
		headers.set('Retry-After', String(retryAfter));
	}
	const scope = context.locals.publicCache;
	if (
		scope &&
		response.status === 200 &&
		(context.request.method === 'GET' || context.request.method === 'HEAD') &&
		!headers.has('Cache-Control') &&
		!headers.has('Set-Cookie')
	) {
		const cacheHeaders = publicCacheHeaders(getDb(), context.locals.now, scope);
		for (const [name, value] of Object.entries(cacheHeaders)) headers.set(name, value);
	}
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers,
	});
}

/**
 * Refuses a state-changing request from another origin with 403, whatever its content type
 * (src/lib/server/security/csrf.ts), before an action or endpoint reads its body.
 */
const refuseCrossSiteWrites = defineMiddleware((context, next) => {
	if (isCrossSiteWrite(context.request, context.url.origin, env.publicOrigin)) {
		return new Response('Cross-site requests that change data are refused.', {
			status: 403,
			headers: { 'Cache-Control': 'no-store' },
		});
	}
	return next();
});

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * Every action is a form action (`accept: 'form'`), but Astro parses a JSON body sent straight to
 * `/_actions/…` before it looks at that, and malformed JSON escapes as a 500. Refuse any other
 * content type up front with 415.
 */
const refuseNonFormActions = defineMiddleware((context, next) => {
	if (
		context.request.method === 'POST' &&
		context.url.pathname.startsWith('/_actions/') &&
		!FORM_TYPES.test(context.request.headers.get('content-type') ?? '')
	) {
		return new Response('Actions accept forms only.', { status: 415 });
	}
	return next();
});

/**
 * Answers a POST that names no action of ours (`?_action=__proto__`, `/_actions/auth.login.call`,
 * a repeated `_action`) before Astro looks the name up: 404 for a well-formed unknown name, 400
 * for anything else (security/action-names.ts). Nothing is logged: it is the client's mistake.
 */
const refuseUnknownActions = defineMiddleware((context, next) => {
	const check = checkActionName(context.request.method, context.url, ACTION_NAMES);
	if (check === 'unknown' || check === 'malformed') {
		return new Response(check === 'unknown' ? 'No such action.' : 'Malformed action name.', {
			status: check === 'unknown' ? 404 : 400,
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
		});
	}
	return next();
});

/**
 * `observe` first, so every answer (refusals included) carries the security headers, and the
 * session look-up (src/lib/server/auth/middleware.ts: cookie → locals.user and locals.session)
 * reads the same clock and is counted with the page's statements. Cross-site writes are refused
 * before anything reads a body or a session.
 */
export const onRequest = sequence(
	observe,
	refuseCrossSiteWrites,
	refuseNonFormActions,
	refuseUnknownActions,
	defineMiddleware(authenticate),
);
