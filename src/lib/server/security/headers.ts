import { buildContentSecurityPolicy } from './csp';
import { EMBED_PATH } from './open-paths';

/** A year, the value HSTS preload lists ask for; long enough that a returning visitor is covered. */
const HSTS_MAX_AGE = 365 * 24 * 60 * 60;

/**
 * The security headers of a response to `pathname`. `https` comes from the configured public
 * origin, never from the request: TLS ends at a proxy in front of the node server, so the request
 * the server sees is plain http, and an `X-Forwarded-Proto` header is whatever the client (or a
 * misconfigured proxy) says. Sending HSTS over a site that is not on https would lock visitors out.
 *
 * HSTS leaves out `includeSubDomains` and `preload`: other hosts under the bureau's domain are not
 * ours to pin to https.
 */
export function buildSecurityHeaders(
	pathname: string,
	https: boolean,
	embedOrigins: readonly string[] = [],
): Record<string, string> {
	const embed = EMBED_PATH.test(pathname);
	return {
		'Content-Security-Policy': buildContentSecurityPolicy({ pathname, https, embedOrigins }),
		'X-Content-Type-Options': 'nosniff',
		// frame-ancestors does the job in current browsers; this covers old WebViews. It can name no
		// list of sites, so the widget (framed by EMBED_ORIGINS) goes without it rather than deny them.
		...(embed ? {} : { 'X-Frame-Options': 'DENY' }),
		'Referrer-Policy': 'strict-origin-when-cross-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
		'Cross-Origin-Opener-Policy': 'same-origin',
		...(https ? { 'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE}` } : {}),
	};
}
