import { noteFestivalShown } from '../cache/policy';
import { getDb, type Db } from '../db';
import { env } from '../env';
import { findPublishedFestival, type Festival } from '../festival/current';
import { feedErrorResponse, limitFeedRender } from './feed-request';

export interface OpenFeed {
	db: Db;
	festival: Festival;
	/** The request's URL on the portal's public origin: links in a feed point there. */
	url: URL;
}

/**
 * What every open feed starts from: the render is counted against the address's limit
 * (feed-request.ts), the answer is marked cacheable like a public page (the middleware adds
 * `Cache-Control` and the serving layer keeps it, with an ETag, until a change or phase change it
 * shows), and the published festival is read — a 404 before it is published.
 */
export function openFeed(
	url: URL,
	locals: App.Locals,
): { ok: true; feed: OpenFeed } | { ok: false; response: Response } {
	const db = getDb();
	const limited = limitFeedRender(db, locals.clientAddress, locals.now);
	if (limited) return { ok: false, response: limited };
	const festival = findPublishedFestival(db);
	if (!festival) {
		return { ok: false, response: feedErrorResponse(404, 'No festival is published.') };
	}
	locals.publicCache = 'festival';
	noteFestivalShown(festival.id);
	return {
		ok: true,
		feed: { db, festival, url: new URL(`${url.pathname}${url.search}`, env.publicOrigin) },
	};
}
