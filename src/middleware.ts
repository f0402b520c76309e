import { defineMiddleware, sequence } from 'astro:middleware';
import { authenticate } from './lib/server/auth/middleware';
import { appClock } from './lib/server/clock';
import { queryTally } from './lib/server/db';

/**
 * The content security policy. frame-ancestors 'none': no page is meant to be framed
 * (clickjacking). Only the /go landing page may load WeChat's JS-SDK (for the open tag inside
 * WeChat's browser, from WeChat's documented host and its backup).
 */
function buildCsp(pathname: string): string {
	const wechatSdk = /^(\/en)?\/go\//.test(pathname)
		? ' https://res.wx.qq.com https://res2.wx.qq.com'
		: '';
	return `default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'${wechatSdk}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'`;
}

/** Baseline headers for every response (a route may set its own first). */
const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Stamps the request with one clock reading, counts the SQL statements the page's frontmatter runs
 * (reported in `Server-Timing`, which the query-count tests read), and adds security headers.
 */
const observe = defineMiddleware(async (context, next) => {
	context.locals.now = appClock.now();
	const tally = { count: 0 };
	const started = performance.now();
	const response = await queryTally.run(tally, () => next());
	const headers = new Headers(response.headers);
	headers.append(
		'Server-Timing',
		`app;dur=${(performance.now() - started).toFixed(1)}, db;desc="${tally.count} queries"`,
	);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!headers.has(name)) headers.set(name, value);
	}
	if (!headers.has('Content-Security-Policy')) {
		headers.set('Content-Security-Policy', buildCsp(context.url.pathname));
	}
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers,
	});
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
 * `observe` first, so the session look-up (src/lib/server/auth/middleware.ts: cookie → locals.user
 * and locals.session) reads the same clock and is counted with the page's statements.
 */
export const onRequest = sequence(observe, refuseNonFormActions, defineMiddleware(authenticate));
