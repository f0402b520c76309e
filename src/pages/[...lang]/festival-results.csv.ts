import type { APIRoute } from 'astro';
import { RESULTS_SCOPE } from '../../lib/server/cache/change-scope';
import { notePageDependsOn } from '../../lib/server/cache/policy';
import { notFoundResponse } from '../../lib/server/http';
import { openPublicPage } from '../../lib/server/public-page';
import { readPublishedResults } from '../../lib/server/results/publication';
import { formatResultsCsv } from '../../lib/server/results/results-csv';

/**
 * `GET /festival-results.csv` (and `/en/festival-results.csv`): the published results as a
 * spreadsheet file (results/results-csv.ts), 404 until staff publish them. Like the page, it reads
 * the stored snapshot in one statement and is cached until staff publish again or withdraw it.
 * Not `results.csv`: the rest parameter would then also claim `/staff/export/results.csv`.
 */
export const GET: APIRoute = ({ params, locals }) => {
	const ctx = openPublicPage(params.lang, locals);
	if (!ctx?.festival) return notFoundResponse();
	locals.publicCache = 'rooms-shown';
	notePageDependsOn(RESULTS_SCOPE);
	const published = readPublishedResults(ctx.db, ctx.festival);
	if (!published) return notFoundResponse();
	const name = `${ctx.festival.slug}-results-${ctx.locale}.csv`;
	return new Response(formatResultsCsv(published.snapshot, ctx.t, ctx.locale), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}"`,
			'X-Content-Type-Options': 'nosniff',
		},
	});
};
