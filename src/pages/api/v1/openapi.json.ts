import type { APIRoute } from 'astro';
import { env } from '../../../lib/server/env';
import { buildOpenApiDocument } from '../../../lib/server/feed/openapi';

/** The document only changes with a deployment; it is built once per process. */
let document: string | undefined;

/** `GET /api/v1/openapi.json`: the open feeds' OpenAPI 3.1 description (feed/openapi.ts). */
export const GET: APIRoute = () => {
	document ??= JSON.stringify(buildOpenApiDocument(env.publicOrigin));
	return new Response(document, {
		status: 200,
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Cache-Control': 'public, max-age=300',
			'Access-Control-Allow-Origin': '*',
		},
	});
};
