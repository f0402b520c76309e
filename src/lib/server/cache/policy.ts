import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { LIVE_END_GRACE_MS, LIVE_STATUS_FRESH_MS, SOON_WINDOW_MS } from '../../shared/live-phase';
import type { Db } from '../db';
import { DEPENDS_HEADER, FESTIVAL_SCOPE, LISTS_SCOPE } from './change-scope';

/**
 * What caches may keep of an anonymous public page, and until when. Two things make a page
 * change, and a render records both as its loaders read (see ARCHITECTURE.md, "cache/"):
 *
 * - **Writes**: the scopes it read (change-scope.ts), sent to the serving layer in DEPENDS_HEADER.
 *   Triggers version every scope in the database (0010_change_versions.sql) and the serving layer
 *   re-renders only the pages whose scopes moved. Every public page depends on the festival;
 *   pages that may change with any room (home, search, the schedule, the showcases) on the lists.
 * - **The clock**: the next moment something it shows changes by time alone (a room starts or
 *   ends, a replay expires, the plugin's live status goes stale, a room enters the home page's
 *   "next two hours"). Pages of a fixed set of rooms (`locals.publicCache = 'rooms-shown'`) depend
 *   only on the rooms their loaders noted (`noteRoomsShown`); every other one on the festival's
 *   next phase change, found on the partial indexes of public rooms.
 *
 * The serving layer keeps a page fresh up to NODE_MAX_SECONDS (writes reach it through the
 * database); a CDN, which nobody can tell of a write, up to CDN_MAX_SECONDS, then
 * `stale-while-revalidate` more while it fetches a fresh copy.
 */
export const NODE_MAX_SECONDS = 300;
export const CDN_MAX_SECONDS = 30;
export const STALE_SECONDS = 30;

/** The serving layer's own freshness for a page, in seconds (removed before it is sent). */
export const NODE_FRESH_HEADER = 'X-Livefest-Fresh';

export type PublicCacheScope = 'festival' | 'rooms-shown';

interface PageFacts {
	/** The earliest clock-driven change among what the render has shown. */
	nextChange: number;
	/** The change scopes the render read. */
	scopes: Set<string>;
	/** The festival the page shows, for its next phase change. */
	festivalId?: number;
}

const facts = new AsyncLocalStorage<PageFacts>();

/** Runs a render, collecting what its loaders note. */
export function collectPageFacts<T>(render: () => T): T {
	return facts.run({ nextChange: Number.POSITIVE_INFINITY, scopes: new Set() }, render);
}

/** Notes that the page being rendered shows what these scopes (change-scope.ts) name. */
export function notePageDependsOn(...scopes: string[]): void {
	const store = facts.getStore();
	if (store) for (const scope of scopes) store.scopes.add(scope);
}

/** Notes the published festival a public page shows (openPublicPage does, for every page). */
export function noteFestivalShown(festivalId: number): void {
	const store = facts.getStore();
	if (!store) return;
	store.festivalId = festivalId;
	store.scopes.add(FESTIVAL_SCOPE);
}

export interface PhaseTimes {
	startAt: Date;
	endAt: Date;
	replayExpiresAt?: Date | null;
	liveStatusAt?: Date | null;
}

/** Notes the instants after `now` at which these rooms' phases can change (see live-phase.ts). */
export function noteRoomsShown(now: Date, rooms: Iterable<PhaseTimes>): void {
	const store = facts.getStore();
	if (!store) return;
	const t = now.getTime();
	for (const room of rooms) {
		for (const at of [
			room.startAt.getTime(),
			room.endAt.getTime(),
			room.replayExpiresAt?.getTime(),
			room.liveStatusAt ? room.liveStatusAt.getTime() + LIVE_STATUS_FRESH_MS : undefined,
			// A fresh status stops counting at the end of the grace after the scheduled end.
			room.liveStatusAt ? room.endAt.getTime() + LIVE_END_GRACE_MS : undefined,
		]) {
			if (at !== undefined && at > t && at < store.nextChange) store.nextChange = at;
		}
	}
}

/** Notes any other instant at which the page changes (e.g. the end of the day it shows). */
export function noteChangeAt(now: Date, at: Date): void {
	const store = facts.getStore();
	if (store && at.getTime() > now.getTime()) {
		store.nextChange = Math.min(store.nextChange, at.getTime());
	}
}

/**
 * Seeks on room_public_start_idx / room_public_end_idx / room_public_status_idx, whatever the
 * festival's size: the next start, end and entry into the next two hours, and for the few rooms
 * with a fresh WeChat status, when it goes stale or its grace after the end runs out (after which
 * the schedule decides again).
 */
export const NEXT_PHASE_CHANGE_SQL = `SELECT min(t) FROM (
	SELECT min(start_at) AS t FROM room
		WHERE festival_id = @festival AND is_public = 1 AND start_at > @now
	UNION ALL SELECT min(end_at) FROM room
		WHERE festival_id = @festival AND is_public = 1 AND end_at > @now
	UNION ALL SELECT min(start_at) - @soon FROM room
		WHERE festival_id = @festival AND is_public = 1 AND start_at > @now + @soon
	UNION ALL SELECT min(live_status_at) + @fresh FROM room
		WHERE festival_id = @festival AND is_public = 1 AND live_status_at IS NOT NULL
			AND live_status_at > @now - @fresh
	UNION ALL SELECT min(end_at) + @grace FROM room INDEXED BY room_public_status_idx
		WHERE festival_id = @festival AND is_public = 1 AND live_status_at IS NOT NULL
			AND live_status_at > @now - @fresh AND end_at > @now - @grace
)`;

const nextChangeStatements = new WeakMap<Database.Database, Database.Statement>();

/**
 * The next instant after `now` at which some public room of the festival starts, ends or enters
 * the next two hours; Infinity if none. Indexed (`festival_id = ? AND is_public = 1` matches the
 * partial indexes), so it runs per render: a write that adds a sooner change needs no memo reset.
 */
export function findNextPhaseChange(db: Db, festivalId: number, now: number): number {
	let statement = nextChangeStatements.get(db.$client);
	if (!statement) {
		statement = db.$client.prepare(NEXT_PHASE_CHANGE_SQL).pluck();
		nextChangeStatements.set(db.$client, statement);
	}
	const at = statement.get({
		festival: festivalId,
		now,
		soon: SOON_WINDOW_MS,
		fresh: LIVE_STATUS_FRESH_MS,
		grace: LIVE_END_GRACE_MS,
	}) as number | null;
	return at ?? Number.POSITIVE_INFINITY;
}

/**
 * The scopes a page rendered inside `collectPageFacts` depends on. A festival-wide page, or one
 * whose loaders noted nothing but the festival, may change with any room: the lists.
 */
function listDependencies(store: PageFacts | undefined, scope: PublicCacheScope): string[] {
	const scopes = new Set(store?.scopes);
	scopes.add(FESTIVAL_SCOPE);
	if (scope === 'festival' || scopes.size === 1) scopes.add(LISTS_SCOPE);
	return [...scopes].sort();
}

/**
 * The headers that let caches keep an anonymous public page rendered at `now` inside
 * `collectPageFacts`: `Cache-Control` for browsers and CDNs (at least 1 second), and for the
 * serving layer NODE_FRESH_HEADER (to the millisecond, so a copy is never kept past the phase
 * change it shows) and DEPENDS_HEADER.
 */
export function publicCacheHeaders(
	db: Db,
	now: Date,
	scope: PublicCacheScope,
): Record<string, string> {
	const store = facts.getStore();
	const t = now.getTime();
	let until = store?.nextChange ?? Number.POSITIVE_INFINITY;
	if (scope === 'festival' && store?.festivalId !== undefined) {
		until = Math.min(until, findNextPhaseChange(db, store.festivalId, t));
	}
	const seconds = Math.min(NODE_MAX_SECONDS, (until - t) / 1000);
	const node = Math.max(0.001, Math.round(seconds * 1000) / 1000);
	const cdn = Math.max(1, Math.min(CDN_MAX_SECONDS, Math.floor(seconds)));
	return {
		'Cache-Control': `public, max-age=0, s-maxage=${cdn}, stale-while-revalidate=${STALE_SECONDS}`,
		[NODE_FRESH_HEADER]: String(node),
		[DEPENDS_HEADER]: listDependencies(store, scope).join(' '),
	};
}
