import type { APIRoute } from 'astro';
import { z } from 'zod';
import { resolveLocale } from '../../../../i18n';
import { getDb } from '../../../../lib/server/db';
import { jsonResponse, notFoundResponse } from '../../../../lib/server/http';
import { suggestCarriers } from '../../../../lib/server/staff/carriers';
import { canManageShowcases, mustEnrolSecondFactor } from '../../../../lib/server/staff/policy';

const querySchema = z.object({
	q: z.string().max(100, 'q must be at most 100 characters').default(''),
});

/**
 * `GET /staff/showcase/carriers.json?q=`: approved merchants that may carry a showcase, by number
 * or name prefix, for the showcase form's carrier field (staff/carriers.ts). Staff who manage
 * showcases only: signed out 403, any other account 404, like the console's pages; never cached.
 */
export const GET: APIRoute = ({ params, url, locals }) => {
	if (!resolveLocale(params.lang)) return notFoundResponse();
	if (!locals.user || !locals.session) return new Response(null, { status: 403 });
	if (!canManageShowcases(locals.user)) return notFoundResponse();
	if (mustEnrolSecondFactor(locals.user)) return new Response(null, { status: 403 });
	const parsed = querySchema.safeParse({ q: url.searchParams.get('q') ?? undefined });
	if (!parsed.success) {
		return jsonResponse(400, { error: { param: 'q', message: parsed.error.issues[0]!.message } });
	}
	return jsonResponse(
		200,
		{ q: parsed.data.q, carriers: suggestCarriers(getDb(), parsed.data.q) },
		{ 'Cache-Control': 'private, no-store' },
	);
};
