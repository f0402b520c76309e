import { z } from 'zod';
import { DEEPLINK_CHANNELS } from '../../shared/status';

/**
 * The festival's results as one document: what the console shows (results/summary.ts builds it
 * from the tallies) and what `/results` publishes (a copy stored when staff publish, so the public
 * page reads one row and says as of when its figures are). Declared once as a zod schema: the
 * published copy is checked against it when read, and an old or damaged one is shown as not
 * published rather than breaking the page.
 */

const names = z.object({ zh: z.string(), en: z.string() });

/**
 * Figures merchants reported (viewers, orders, sales) and the portal measured (opens, calendar
 * downloads, stars).
 */
const figures = {
	/** Public sessions on the schedule. */
	sessions: z.number().int().nonnegative(),
	/** Sessions whose merchant reported at least one figure. */
	reportedRooms: z.number().int().nonnegative(),
	viewers: z.number().int().nonnegative(),
	orders: z.number().int().nonnegative(),
	salesFen: z.number().int().nonnegative(),
	opens: z.number().int().nonnegative(),
	calendarDownloads: z.number().int().nonnegative(),
	stars: z.number().int().nonnegative(),
};

const row = z.object({ key: z.string(), label: names, ...figures });

const topRoom = z.object({
	roomId: z.number().int(),
	title: names,
	merchant: names.nullable(),
	day: z.string(),
	district: names,
	category: names,
	viewers: z.number().int().nullable(),
	orders: z.number().int().nullable(),
	salesFen: z.number().int().nullable(),
	opens: z.number().int(),
});

export const resultsSnapshotSchema = z.object({
	version: z.literal(1),
	festival: z.object({
		name: names,
		timezone: z.string(),
		startDate: z.string(),
		endDate: z.string(),
	}),
	/** When the figures were read (ISO instant). */
	asOf: z.string(),
	totals: z.object(figures),
	opensByChannel: z.array(z.object({ channel: z.enum(DEEPLINK_CHANNELS), opens: z.number() })),
	byDay: z.array(row),
	byDistrict: z.array(row),
	byCategory: z.array(row),
	/** Ranked like districts and categories; absent from copies published before venues existed. */
	byVenue: z.array(row).default([]),
	top: z.object({
		sales: z.array(topRoom),
		viewers: z.array(topRoom),
		opens: z.array(topRoom),
	}),
});

export type ResultsSnapshot = z.output<typeof resultsSnapshotSchema>;
export type ResultsRow = z.output<typeof row>;
export type TopRoom = z.output<typeof topRoom>;
export type ResultsFigures = z.output<z.ZodObject<typeof figures>>;

/** A stored document as a snapshot, or undefined when it is not one (never published, or old). */
export function readSnapshot(value: unknown): ResultsSnapshot | undefined {
	const parsed = resultsSnapshotSchema.safeParse(value);
	return parsed.success ? parsed.data : undefined;
}
