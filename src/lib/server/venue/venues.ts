import { and, asc, eq } from 'drizzle-orm';
import { venue } from '../../../../db/schema';
import type { Bilingual } from '../../shared/room-card';
import { VENUE_KINDS, type VenueKind } from '../../shared/venue-kinds';
import { VENUES_SCOPE } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import type { Db } from '../db';

export type VenueRow = typeof venue.$inferSelect;

/** What lists of venues show of each: names, introduction, banner, kind and curating district. */
export interface VenueSummary {
	id: number;
	slug: string;
	kind: VenueKind;
	name: Bilingual & { en: string };
	intro: { zh: string; en: string };
	bannerKey: string | null;
	curatorDistrictId: number | null;
}

export function summarizeVenue(v: VenueRow): VenueSummary {
	return {
		id: v.id,
		slug: v.slug,
		kind: v.kind,
		name: { zh: v.nameZh, en: v.nameEn },
		intro: { zh: v.introZh, en: v.introEn },
		bannerKey: v.bannerKey,
		curatorDistrictId: v.curatorDistrictId,
	};
}

/**
 * The festival's venues, main first, then district and themed ones, each kind in its order. A
 * page that lists them (names, order, slugs) changes with any venue: it notes the venues scope.
 */
export function listVenues(db: Db, festivalId: number): VenueRow[] {
	notePageDependsOn(VENUES_SCOPE);
	const rows = db
		.select()
		.from(venue)
		.where(eq(venue.festivalId, festivalId))
		.orderBy(asc(venue.sort), asc(venue.id))
		.all();
	return rows.sort((a, b) => VENUE_KINDS.indexOf(a.kind) - VENUE_KINDS.indexOf(b.kind));
}

/** One venue of the festival by its slug (the public address), or undefined. */
export function findVenueBySlug(db: Db, festivalId: number, slug: string): VenueRow | undefined {
	return db
		.select()
		.from(venue)
		.where(and(eq(venue.festivalId, festivalId), eq(venue.slug, slug)))
		.get();
}

export function findVenueById(db: Db, festivalId: number, id: number): VenueRow | undefined {
	return db
		.select()
		.from(venue)
		.where(and(eq(venue.festivalId, festivalId), eq(venue.id, id)))
		.get();
}

/** The festival's main venue (the home page), if it has one. */
export function findMainVenue(db: Db, festivalId: number): VenueRow | undefined {
	return db
		.select()
		.from(venue)
		.where(and(eq(venue.festivalId, festivalId), eq(venue.kind, 'main')))
		.get();
}
