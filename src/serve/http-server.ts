import { createServer, type Server } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { RequestObserver } from './request-log';
import type { ServingLayer } from './serving-layer';

/**
 * Longer than the idle timeouts of common load balancers (AWS ALB 60 s, nginx upstream keep-alive
 * 60 s), so the balancer, not the portal, closes idle connections: otherwise a request sent on a
 * connection the portal is closing at that instant fails with a reset.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 70_000;

export interface RunningHttpServer {
	server: Server;
	/**
	 * Stops accepting connections, lets requests in flight finish (closing each connection once it
	 * is idle), and resolves when all are closed; connections still busy after `graceMs` are cut.
	 */
	shutdown(graceMs?: number): Promise<void>;
}

/**
 * Serves `layer` at `address`. Each request is first handed to the observer (its id, access log
 * line and metrics); a request the layer fails is reported (the server's log) and answered 500.
 */
export function listen(
	layer: ServingLayer,
	address: { host: string; port: number },
	options: {
		observer?: RequestObserver;
		reportError?: (req: IncomingMessage, what: string, error: unknown) => void;
	} = {},
): Promise<RunningHttpServer> {
	const server = createServer((req, res) => {
		options.observer?.begin(req, res);
		layer.handle(req, res).catch((error: unknown) => {
			if (options.reportError) options.reportError(req, 'request failed', error);
			else console.error(`livefest: ${req.method} ${req.url?.split('?')[0]} failed:`, error);
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end();
		});
	});
	server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
	// Must exceed keepAliveTimeout, or Node drops a slow request's connection as idle.
	server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 5_000;

	let closing: Promise<void> | undefined;
	function shutdown(graceMs = 10_000): Promise<void> {
		closing ??= new Promise<void>((resolve) => {
			const sweep = setInterval(() => server.closeIdleConnections(), 50);
			const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
			server.close(() => {
				clearInterval(sweep);
				clearTimeout(deadline);
				resolve();
			});
			server.closeIdleConnections();
		});
		return closing;
	}

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(address.port, address.host, () => {
			server.off('error', reject);
			resolve({ server, shutdown });
		});
	});
}
