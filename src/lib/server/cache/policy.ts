import { AsyncLocalStorage } from 'node:async_hooks';
import { LIVE_STATUS_FRESH_MS, SOON_WINDOW_MS } from '../../shared/live-phase';
import type { Db } from '../db';
import { onPublicPagesInvalidated } from './invalidate';

/**
 * How long caches may keep an anonymous public page: until the next moment something it shows
 * changes by the clock alone (a room starts or ends, a replay expires, the plugin's live status
 * goes stale, a room enters the home page's "next two hours"). Writes need no expiry: they empty
 * the serving layer's cache at once (invalidate.ts).
 *
 * - Pages of a fixed set of rooms (a room, a day of the schedule, a merchant, the showcases) say so
 *   (`locals.publicCache = 'rooms-shown'`) and depend only on the rooms they rendered, which the
 *   loaders note as they read them (`noteRoomsShown`).
 * - Every other public page (home, search, filtered by phase…) may change with any room, so it
 *   depends on the festival's next phase change.
 *
 * The serving layer keeps a page up to NODE_MAX_SECONDS (its copy is emptied by writes); a CDN,
 * which nobody can empty, up to CDN_MAX_SECONDS, then `stale-while-revalidate` more while it
 * fetches a fresh copy.
 */
export const NODE_MAX_SECONDS = 300;
export const CDN_MAX_SECONDS = 30;
export const STALE_SECONDS = 30;

/** The serving layer's own freshness for a page, in seconds (removed before it is sent). */
export const NODE_FRESH_HEADER = 'X-Livefest-Fresh';

export type PublicCacheScope = 'festival' | 'rooms-shown';

/** The earliest clock-driven change among what the current render has shown. */
const shown = new AsyncLocalStorage<{ nextChange: number }>();

/** Runs a render, collecting what its loaders note. */
export function collectPhaseChanges<T>(render: () => T): T {
	return shown.run({ nextChange: Number.POSITIVE_INFINITY }, render);
}

export interface PhaseTimes {
	startAt: Date;
	endAt: Date;
	replayExpiresAt?: Date | null;
	liveStatusAt?: Date | null;
}

/** Notes the instants after `now` at which these rooms' phases can change (see live-phase.ts). */
export function noteRoomsShown(now: Date, rooms: Iterable<PhaseTimes>): void {
	const store = shown.getStore();
	if (!store) return;
	const t = now.getTime();
	for (const room of rooms) {
		for (const at of [
			room.startAt.getTime(),
			room.endAt.getTime(),
			room.replayExpiresAt?.getTime(),
			room.liveStatusAt ? room.liveStatusAt.getTime() + LIVE_STATUS_FRESH_MS : undefined,
		]) {
			if (at !== undefined && at > t && at < store.nextChange) store.nextChange = at;
		}
	}
}

/** Notes any other instant at which the page changes (e.g. the end of the day it shows). */
export function noteChangeAt(now: Date, at: Date): void {
	const store = shown.getStore();
	if (store && at.getTime() > now.getTime()) {
		store.nextChange = Math.min(store.nextChange, at.getTime());
	}
}

let nextChange: { at: number; computedFor: number } | undefined;
onPublicPagesInvalidated(() => (nextChange = undefined));

/** The next instant after `now` at which some approved room's phase changes; Infinity if none. */
function findNextPhaseChange(db: Db, now: number): number {
	const row = db.$client
		.prepare(
			`SELECT min(t) FROM (
				SELECT min(start_at) AS t FROM room WHERE review_status = 'approved' AND start_at > @now
				UNION ALL SELECT min(end_at) FROM room WHERE review_status = 'approved' AND end_at > @now
				UNION ALL SELECT min(start_at) - @soon FROM room
					WHERE review_status = 'approved' AND start_at - @soon > @now
			)`,
		)
		.pluck()
		.get({ now, soon: SOON_WINDOW_MS }) as number | null;
	return row ?? Number.POSITIVE_INFINITY;
}

/** Seconds until the festival's next phase change, memoised until it passes or a write. */
function secondsToFestivalChange(db: Db, now: Date): number {
	const at = now.getTime();
	if (!nextChange || at >= nextChange.at || at < nextChange.computedFor) {
		nextChange = { at: findNextPhaseChange(db, at), computedFor: at };
	}
	return (nextChange.at - at) / 1000;
}

/**
 * The headers that let caches keep an anonymous public page rendered at `now` inside
 * `collectPhaseChanges`: `Cache-Control` for browsers and CDNs, NODE_FRESH_HEADER for the serving
 * layer. Both at least 1 second.
 */
export function publicCacheHeaders(
	db: Db,
	now: Date,
	scope: PublicCacheScope,
): Record<string, string> {
	const noted = ((shown.getStore()?.nextChange ?? Number.POSITIVE_INFINITY) - now.getTime()) / 1000;
	const seconds =
		scope === 'rooms-shown' ? noted : Math.min(noted, secondsToFestivalChange(db, now));
	const node = Math.max(1, Math.floor(Math.min(NODE_MAX_SECONDS, seconds)));
	const cdn = Math.min(CDN_MAX_SECONDS, node);
	return {
		'Cache-Control': `public, max-age=0, s-maxage=${cdn}, stale-while-revalidate=${STALE_SECONDS}`,
		[NODE_FRESH_HEADER]: String(node),
	};
}
