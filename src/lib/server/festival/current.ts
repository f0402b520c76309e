import { and, asc, eq } from 'drizzle-orm';
import { category, district, festival } from '../../../../db/schema';
import { getDayKey, listDays } from '../../shared/time';
import type { Db } from '../db';

export type Festival = typeof festival.$inferSelect;
export type District = typeof district.$inferSelect;
export type Category = typeof category.$inferSelect;

/** The current edition if it is published; nothing is public before that. */
export function findPublishedFestival(db: Db): Festival | undefined {
	return db
		.select()
		.from(festival)
		.where(and(eq(festival.isCurrent, true), eq(festival.published, true)))
		.get();
}

/**
 * Whether any festival exists, published or not: false only before the first
 * `npm run festival:setup` (or demo seed), when pages say how to set one up.
 */
export function hasAnyFestival(db: Db): boolean {
	return db.select({ id: festival.id }).from(festival).limit(1).all().length > 0;
}

/** The festival's days as day keys in its own time zone. */
export function listFestivalDays(f: Festival): string[] {
	return listDays(f.startDate, f.endDate);
}

/** Today if the festival is on, else its first day: the day a schedule opens on. */
export function getDefaultDay(f: Festival, now: Date): string {
	const today = getDayKey(now, f.timezone);
	return today >= f.startDate && today <= f.endDate ? today : f.startDate;
}

/** The festival city's districts and all categories, in display order. */
export function listReferenceData(
	db: Db,
	f: Festival,
): { districts: District[]; categories: Category[] } {
	return {
		districts: db
			.select()
			.from(district)
			.where(eq(district.city, f.city))
			.orderBy(asc(district.sort), asc(district.id))
			.all(),
		categories: db.select().from(category).orderBy(asc(category.sort), asc(category.id)).all(),
	};
}
