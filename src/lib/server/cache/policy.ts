import type { Db } from '../db';
import { SOON_WINDOW_MS } from '../festival/overview';
import { onPublicPagesInvalidated } from './invalidate';

/**
 * How long shared caches may keep an anonymous public page: until the next moment any room's
 * phase changes (starts, ends, or enters the home page's "next two hours"), at most
 * `MAX_FRESH_SECONDS`. The serving layer (src/serve/) keeps the page that long unless a write
 * invalidates it first; a CDN keeps it that long and then `stale-while-revalidate` more while it
 * fetches a fresh copy, so a CDN's copy is at most MAX_FRESH + STALE seconds old.
 */
export const MAX_FRESH_SECONDS = 30;
export const STALE_SECONDS = 30;

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

/** Seconds an anonymous public page rendered at `now` stays fresh (≥ 1). */
export function freshSeconds(db: Db, now: Date): number {
	const at = now.getTime();
	if (!nextChange || at >= nextChange.at || at < nextChange.computedFor) {
		nextChange = { at: findNextPhaseChange(db, at), computedFor: at };
	}
	const seconds = Math.floor((nextChange.at - at) / 1000);
	return Math.max(1, Math.min(MAX_FRESH_SECONDS, seconds));
}

/** The Cache-Control of an anonymous public page: browsers revalidate, shared caches keep it. */
export function publicCacheControl(db: Db, now: Date): string {
	return `public, max-age=0, s-maxage=${freshSeconds(db, now)}, stale-while-revalidate=${STALE_SECONDS}`;
}
