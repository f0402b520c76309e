import { createHash } from 'node:crypto';
import islandScript from 'astro/runtime/server/astro-island.prebuilt.js';
import islandScriptDev from 'astro/runtime/server/astro-island.prebuilt-dev.js';
import idleDirective from 'astro/runtime/client/idle.prebuilt.js';
import loadDirective from 'astro/runtime/client/load.prebuilt.js';
import mediaDirective from 'astro/runtime/client/media.prebuilt.js';
import onlyDirective from 'astro/runtime/client/only.prebuilt.js';
import visibleDirective from 'astro/runtime/client/visible.prebuilt.js';
import { EMBED_PATH } from './open-paths';

/**
 * The only inline scripts the portal's pages carry: Astro writes the `astro-island` element and
 * the one `client:*` directive each island uses into the page as inline `<script>`s, with exactly
 * these texts (astro/dist/runtime/server/scripts.js). Every other script is a file under /_astro/.
 * tests/integration/security/headers.test.ts fails if a page ever carries an inline script whose
 * hash is not here (an Astro upgrade, or someone writing `<script is:inline>`).
 */
const INLINE_SCRIPTS = [
	islandScript,
	islandScriptDev,
	idleDirective,
	loadDirective,
	mediaDirective,
	onlyDirective,
	visibleDirective,
];

/** WeChat's JS-SDK host and its documented backup; the /go page loads the SDK for the open tag. */
const WECHAT_SDK_HOSTS = ['https://res.wx.qq.com', 'https://res2.wx.qq.com'];

const GO_PAGE = /^(\/en)?\/go\//;

/** A CSP source expression for a script text: `'sha256-<base64>'`. */
export function hashScript(text: string): string {
	return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Computed once: the texts are constants of the installed Astro. */
const SCRIPT_HASHES = [...new Set(INLINE_SCRIPTS.map(hashScript))];

export interface CspOptions {
	pathname: string;
	/** The site is served over https (the configured public origin says so). */
	https: boolean;
	/** Origins allowed to frame the venue widget (EMBED_ORIGINS); only /embed/ pages use them. */
	embedOrigins?: readonly string[];
}

/**
 * The Content-Security-Policy of a page. Hashes, not nonces: the serving layer (src/serve/) keeps
 * rendered pages and hands the same bytes to every anonymous visitor, so a per-request nonce
 * would be frozen into the cached HTML and prove nothing; the hashes are the same for every
 * response, so a cached page and its cached header always agree.
 *
 * - script-src: our own files and the hashed island bootstrap, no `'unsafe-inline'`, so markup
 *   injected into a page cannot run. Only /go may load WeChat's JS-SDK.
 * - style-src keeps `'unsafe-inline'`: the build inlines every stylesheet into `<style>` elements
 *   (`build.inlineStylesheets: 'always'`), Astro adds one for islands, and WeChat's open tag
 *   carries its own `<style>` in its template. Hashing styles would make browsers ignore
 *   `'unsafe-inline'` and break those; injected CSS cannot run script.
 * - img-src allows any https image: covers and goods images live on WeChat's CDN.
 * - frame-ancestors 'none': no page is meant to be embedded (clickjacking) — except the venue
 *   widget (`/embed/…`), which the portal itself and the configured EMBED_ORIGINS may frame.
 * - upgrade-insecure-requests over https, so an `http://` cover URL from WeChat loads over TLS.
 */
export function buildContentSecurityPolicy({
	pathname,
	https,
	embedOrigins = [],
}: CspOptions): string {
	const ancestors = EMBED_PATH.test(pathname) ? ["'self'", ...embedOrigins] : ["'none'"];
	const scriptSrc = [
		"'self'",
		...SCRIPT_HASHES,
		...(GO_PAGE.test(pathname) ? WECHAT_SDK_HOSTS : []),
	];
	const directives = [
		"default-src 'self'",
		`script-src ${scriptSrc.join(' ')}`,
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: https:",
		"connect-src 'self'",
		"font-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		`frame-ancestors ${ancestors.join(' ')}`,
		...(https ? ['upgrade-insecure-requests'] : []),
	];
	return directives.join('; ');
}
