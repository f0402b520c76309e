import type { APIRoute } from 'astro';
import { z } from 'zod';
import { getDb } from '../../lib/server/db';
import { findPublishedFestival } from '../../lib/server/festival/current';
import { MAX_QUERY_CHARS } from '../../lib/server/search/match-query';
import { suggestCompletions } from '../../lib/server/search/suggest';
import { jsonResponse } from '../../lib/server/http';

const querySchema = z.object({
	q: z.string().max(MAX_QUERY_CHARS, `q must be at most ${MAX_QUERY_CHARS} characters`).default(''),
});

/**
 * `GET /api/suggest?q=`: completions of what is being typed in the search box — room titles,
 * merchant names and product names — for the search island. Reads only the index and the names of
 * the few rooms it picks; an empty or unsearchable `q` answers an empty list.
 */
export const GET: APIRoute = async ({ url }) => {
	const parsed = querySchema.safeParse({ q: url.searchParams.get('q') ?? undefined });
	if (!parsed.success) {
		return jsonResponse(400, { error: { param: 'q', message: parsed.error.issues[0]!.message } });
	}
	const db = getDb();
	const festival = findPublishedFestival(db);
	if (!festival) return jsonResponse(404, { error: { message: 'no published festival' } });
	const suggestions = await suggestCompletions(db, festival.id, parsed.data.q.trim());
	return jsonResponse(
		200,
		{ q: parsed.data.q, suggestions },
		{ 'Cache-Control': 'public, max-age=30, stale-while-revalidate=60' },
	);
};
