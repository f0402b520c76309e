import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinClientAddress, type TrustProxy } from './client-address';
import { answerOutsideMethods } from './method-guard';
import { findRequestRecord } from './request-log';

/**
 * What the serving layer answers before anything else looks at a request: it decides the client
 * address, then answers the operators' endpoints (`/healthz`, `/readyz`, `/metrics`,
 * ops-endpoints.ts), methods the portal does not serve (405), addresses that are not valid
 * percent-encoding (400, which would be a 500 in Astro) and Astro's unused routes (404).
 */

/** The operators' endpoints, answered by the serving layer itself and never cached. */
export type OpsEndpoint = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export type OpsEndpoints = Partial<Record<'/healthz' | '/readyz' | '/metrics', OpsEndpoint>>;

/**
 * Routes every Astro build registers whether used or not. The portal has no server islands and no
 * image optimisation, and on Astro 5 both carry unfixed advisories (an unbounded request body on
 * the islands route, GHSA-3rmj-9m5h-8fpv; sharp's decoders behind /_image): they never reach Astro.
 */
const UNUSED_ASTRO_ROUTES = /^\/+(_server-islands|_image)(\/|\?|$)/i;

/** The URL as Astro will route it; undefined when its percent-encoding is malformed (a 500 there). */
function decodeUrl(url: string): string | undefined {
	try {
		return decodeURI(url);
	} catch {
		return undefined;
	}
}

function answerText(res: ServerResponse, status: number, text: string): void {
	res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end(text);
}

/**
 * Answers the request if it is one of those above and returns undefined; otherwise returns the
 * decoded URL for the serving layer to route. Notes a route label for the log on what it answers.
 */
export async function passFrontDoor(
	req: IncomingMessage,
	res: ServerResponse,
	trustProxy: TrustProxy,
	ops: OpsEndpoints,
): Promise<string | undefined> {
	pinClientAddress(req, trustProxy);
	const record = findRequestRecord(req);
	const url = req.url ?? '/';
	const method = req.method ?? 'GET';
	const endpoint = ops[url.split('?')[0] as keyof OpsEndpoints];
	if (endpoint && (method === 'GET' || method === 'HEAD')) {
		if (record) record.route = url.split('?')[0];
		await endpoint(req, res);
		return undefined;
	}
	if (record) record.route = '(refused)';
	if (answerOutsideMethods(req, res)) return undefined;
	const decoded = decodeUrl(url);
	if (decoded === undefined) {
		answerText(res, 400, 'Bad request: the address is not valid percent-encoded UTF-8.');
		return undefined;
	}
	if (UNUSED_ASTRO_ROUTES.test(decoded)) {
		answerText(res, 404, 'Not found.');
		return undefined;
	}
	if (record) record.route = undefined;
	return decoded;
}
