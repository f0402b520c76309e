import type { IncomingMessage, ServerResponse } from 'node:http';

/** The methods the portal serves: pages and files (GET, HEAD), forms and beacons (POST). */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'] as const;
const ALLOW = ALLOWED_METHODS.join(', ');

/**
 * Answers the requests Astro should never see: any other method (TRACE, PUT, DELETE …, which
 * Astro's router turns into a 500 or a page) with 405 and `Allow`, and OPTIONS with 204 and
 * `Allow` (the portal offers no cross-origin access, so no CORS headers). True when answered.
 */
export function answerOutsideMethods(req: IncomingMessage, res: ServerResponse): boolean {
	const method = req.method ?? 'GET';
	if (!(ALLOWED_METHODS as readonly string[]).includes(method)) {
		res.writeHead(405, {
			Allow: ALLOW,
			'Content-Type': 'text/plain; charset=utf-8',
			'Cache-Control': 'no-store',
		});
		res.end('Method not allowed.');
		return true;
	}
	if (method !== 'OPTIONS') return false;
	res.writeHead(204, { Allow: ALLOW, 'Cache-Control': 'no-store' });
	res.end();
	return true;
}
