import type { APIRoute } from 'astro';
import { getOpenKeys } from '../../../../lib/server/auth/limit-rules';
import {
	consumeRateLimits,
	pruneRateLimits,
	toRetryAfterSeconds,
} from '../../../../lib/server/auth/rate-limit';
import { markOpened, wasOpenedRecently } from '../../../../lib/server/deeplink/open-dedup';
import { isPublicRoom, recordDeeplinkOpen } from '../../../../lib/server/deeplink/opens';
import { getDb } from '../../../../lib/server/db';
import { env } from '../../../../lib/server/env';
import { findPublishedFestival } from '../../../../lib/server/festival/current';
import { parseId } from '../../../../lib/server/http';
import { readSmallBody } from '../../../../lib/server/read-body';
import type { DeeplinkChannel } from '../../../../lib/shared/status';

/** The channels a browser reports; `qr` is counted by the server when a scan opens /go. */
const REPORTED: readonly DeeplinkChannel[] = ['scheme', 'urllink', 'opentag'];

const empty = (status: number, headers: Record<string, string> = {}): Response =>
	new Response(null, { status, headers: { 'Cache-Control': 'no-store', ...headers } });

/**
 * `POST /api/rooms/{id}/open` with the channel as a text body (`navigator.sendBeacon`): counts one
 * open of a public room (see lib/server/deeplink/opens.ts for what an open is). Only the portal's
 * own pages may report — the Origin must be the portal's — so other sites cannot inflate counts
 * from their visitors' browsers — and each client address only so often, per room and in all
 * (auth/limit-rules.ts): past that, 429 with `Retry-After`, and nothing is counted. One browser's
 * repeated reports of a room count once for a few minutes (lib/server/deeplink/open-dedup.ts).
 * Nothing about the visitor is stored (the limit's buckets hold a hash of the address, for a day
 * at most; the browser keeps the marker).
 */
export const POST: APIRoute = async ({ params, request, url, locals }) => {
	const origin = request.headers.get('origin');
	if (origin !== url.origin && origin !== env.publicOrigin) return empty(403);
	if (Number(request.headers.get('content-length') ?? 0) > 64) return empty(413);
	const id = parseId(params.id);
	const body = await readSmallBody(request, 64);
	if (body === null) return empty(413);
	const channel = body.trim() as DeeplinkChannel;
	if (id === undefined || !REPORTED.includes(channel)) return empty(400);
	const db = getDb();
	const festival = findPublishedFestival(db);
	if (!festival || !isPublicRoom(db, festival.id, id)) return empty(404);
	// A browser that reported this room in the last minutes is not counted again (open-dedup.ts),
	// nor charged to its address's limit: the limit guards what would be counted.
	if (wasOpenedRecently(request)) return empty(204);
	const counted = consumeRateLimits(db, getOpenKeys(id, locals.clientAddress), locals.now);
	if (!counted.ok) {
		return new Response(null, {
			status: 429,
			headers: {
				'Cache-Control': 'no-store',
				'Retry-After': String(toRetryAfterSeconds(counted.retryAfterMs)),
			},
		});
	}
	recordDeeplinkOpen(db, { roomId: id, channel, at: locals.now, timezone: festival.timezone });
	pruneRateLimits(db, locals.now);
	return empty(204, {
		'Set-Cookie': markOpened(url.pathname, env.publicOrigin.startsWith('https:')),
	});
};
