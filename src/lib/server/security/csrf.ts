/** Methods that change nothing (and that browsers send cross-site freely). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request that may change state comes from somewhere other than the portal's own pages,
 * and must be refused (CSRF).
 *
 * Astro's `security.checkOrigin` refuses cross-site form posts, but only for the three content
 * types a plain HTML form can send; a cross-origin `application/json` POST (or any other type)
 * passes it. Here every unsafe method, whatever its body, must carry an `Origin` equal to the
 * origin it was sent to or the configured public origin (TLS ends at a proxy, so the browser's
 * origin is the public one). Every current browser sends `Origin` on such requests, same-origin
 * ones included; a request without one (or with `Origin: null`, from a sandboxed frame or a
 * privacy-minded redirect) is refused too, since no page of ours sends one.
 */
export function isCrossSiteWrite(
	request: Request,
	requestOrigin: string,
	publicOrigin: string,
): boolean {
	if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
	const origin = request.headers.get('origin');
	return origin !== requestOrigin && origin !== publicOrigin;
}
