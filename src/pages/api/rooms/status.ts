import type { APIRoute } from 'astro';
import {
	listRoomStatuses,
	parseStatusIds,
	STATUS_MAX_IDS,
} from '../../../lib/server/access/room-status';
import { getDb } from '../../../lib/server/db';
import { findPublishedFestival } from '../../../lib/server/festival/current';
import { jsonResponse } from '../../../lib/server/http';

/**
 * `GET /api/rooms/status?ids=1,2,3`: the live phase and times of up to 100 public rooms, for the
 * live-refresh island. Cheap by design — one statement, no personal data, the same answer for
 * everyone — so browsers and CDNs may keep it for 15 seconds (the island asks every 30).
 */
export const GET: APIRoute = ({ url, locals }) => {
	const ids = parseStatusIds(url.searchParams.get('ids'));
	if (ids === null) {
		return jsonResponse(400, {
			error: {
				param: 'ids',
				message: `ids must be up to ${STATUS_MAX_IDS} room ids separated by commas`,
			},
		});
	}
	const db = getDb();
	const festival = findPublishedFestival(db);
	if (!festival) return jsonResponse(404, { error: { message: 'no published festival' } });
	return jsonResponse(
		200,
		{ now: locals.now.getTime(), rooms: listRoomStatuses(db, festival.id, ids, locals.now) },
		{ 'Cache-Control': 'public, max-age=15' },
	);
};
