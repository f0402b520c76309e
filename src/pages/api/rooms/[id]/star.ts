import type { APIRoute } from 'astro';
import { isPublicRoom } from '../../../../lib/server/deeplink/opens';
import { getDb } from '../../../../lib/server/db';
import { env } from '../../../../lib/server/env';
import { findPublishedFestival } from '../../../../lib/server/festival/current';
import { parseId } from '../../../../lib/server/http';
import { recordStar } from '../../../../lib/server/results/visitor-counts';

const empty = (status: number): Response =>
	new Response(null, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * `POST /api/rooms/{id}/star` (`navigator.sendBeacon`, no body), sent when a visitor adds a star
 * to a public room: counts it for the festival's results (results/visitor-counts.ts). The star
 * itself stays in the visitor's browser; the portal keeps only a count per room and day. As with
 * opens, only the portal's own pages may report (the Origin must be the portal's), and the same
 * address starring the room again within the hour, or starring more than a hundred rooms, is not
 * counted — answered 204 all the same, since the star was kept.
 */
export const POST: APIRoute = ({ params, request, url, locals }) => {
	const origin = request.headers.get('origin');
	if (origin !== url.origin && origin !== env.publicOrigin) return empty(403);
	const id = parseId(params.id);
	if (id === undefined) return empty(400);
	const db = getDb();
	const festival = findPublishedFestival(db);
	if (!festival || !isPublicRoom(db, festival.id, id)) return empty(404);
	recordStar(db, {
		roomId: id,
		address: locals.clientAddress,
		at: locals.now,
		timezone: festival.timezone,
	});
	return empty(204);
};
