import type { IncomingMessage, ServerResponse } from 'node:http';
import { readClientAddress, type TrustProxy } from './client-address';
import type { OpsEndpoints } from './front-door';
import type { ServerMetrics } from './metrics';
import type { Readiness } from './readiness';

/**
 * The operators' endpoints, answered before Astro and never cached:
 * - `/healthz`: the process answers (for a supervisor: restart it when this fails);
 * - `/readyz`: 200 when the node can serve and write, else 503 with the failing checks' reasons
 *   (for a load balancer: send it no traffic meanwhile), readiness.ts;
 * - `/metrics`: Prometheus text (metrics.ts), only for client addresses in METRICS_ALLOW
 *   (loopback by default); anyone else gets the same 404 as an unknown page. The address is the
 *   one client-address.ts decided, so behind a trusted proxy it is the real client's, not the
 *   proxy's loopback.
 */

function answer(
	req: IncomingMessage,
	res: ServerResponse,
	status: number,
	type: string,
	body: string,
): void {
	res.writeHead(status, {
		'Content-Type': type,
		'Cache-Control': 'no-store',
		'Content-Length': Buffer.byteLength(body),
	});
	res.end(req.method === 'HEAD' ? undefined : body);
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function createOpsEndpoints(options: {
	readiness: Readiness;
	metrics: ServerMetrics;
	/** Who may read /metrics (compiled METRICS_ALLOW). */
	metricsAllow: TrustProxy;
}): OpsEndpoints {
	return {
		'/healthz': async (req, res) => {
			answer(req, res, 200, JSON_TYPE, '{"status":"ok"}');
		},
		'/readyz': async (req, res) => {
			const report = await options.readiness.check();
			const body = JSON.stringify({
				status: report.ready ? 'ready' : 'not ready',
				reasons: report.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.reason}`),
				checks: report.checks,
			});
			answer(req, res, report.ready ? 200 : 503, JSON_TYPE, body);
		},
		'/metrics': async (req, res) => {
			if (!options.metricsAllow(readClientAddress(req), 0)) {
				answer(req, res, 404, 'text/plain; charset=utf-8', 'Not found.');
				return;
			}
			const { text, contentType } = await options.metrics.render();
			answer(req, res, 200, contentType, text);
		},
	};
}
