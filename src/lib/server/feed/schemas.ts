import { z } from 'zod';
import { LIVE_PHASES, ROOM_KINDS } from '../../shared/status';
import { VENUE_KINDS, VENUE_SLUG_PATTERN } from '../../shared/venue-kinds';

/**
 * The open feeds' contract, declared once: these zod schemas validate every query the feeds
 * receive, and the OpenAPI document (openapi.ts) is generated from them, so the description
 * republishers read cannot drift from what the server does. A contract test checks live answers
 * against the generated document (tests/integration/feeds/contract.test.ts).
 */

/** The version in the path (`/api/v1/…`): a field is only ever added within it. */
export const FEED_VERSION = 1;

/** Rooms per page of the schedule feed (the public schedule's page size). */
export const FEED_PAGE_MAX = 10_000;

const code = z
	.string()
	.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a code as listed by the festival, e.g. liwan');

/** A day of the festival, as the feeds take it. */
const festivalDay = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'a festival day as YYYY-MM-DD')
	.optional()
	.describe(
		"A festival day (YYYY-MM-DD, in the festival's time zone); today during the festival, else its first day.",
	);

/** A page of a paged feed, from 1. */
function pageNumber(description: string) {
	return z.coerce
		.number()
		.int('a whole number')
		.min(1)
		.max(FEED_PAGE_MAX)
		.default(1)
		.describe(description);
}

/** `GET /api/v1/schedule`: one festival day's public rooms, by start time, a page at a time. */
export const scheduleFeedQuerySchema = z
	.object({
		day: festivalDay,
		venue: z
			.string()
			.regex(VENUE_SLUG_PATTERN, 'a venue slug, e.g. liwan')
			.optional()
			.describe(
				'Only the rooms of this venue (a slug from /api/v1/venues). Not with district or category.',
			),
		district: code.optional().describe('Only rooms of this district (its code, e.g. liwan).'),
		category: code.optional().describe('Only rooms of this category (its code).'),
		kind: z.enum(ROOM_KINDS).optional().describe('Merchant rooms or government showcases only.'),
		page: pageNumber('The page, from 1; 48 rooms a page.'),
	})
	.strict();
export type ScheduleFeedQuery = z.output<typeof scheduleFeedQuerySchema>;

/** `GET /api/v1/venues`: no parameters. */
export const venuesFeedQuerySchema = z.object({}).strict();

/** Programmes in one XMLTV document; the rest of a venue's day is on the next page. */
export const XMLTV_PAGE_SIZE = 500;

/**
 * `GET /api/v1/xmltv.xml`: every venue as an XMLTV channel; with `venue`, that channel and its
 * rooms of one day as programmes (the DTD allows a document of channels only).
 */
export const xmltvQuerySchema = z
	.object({
		venue: z
			.string()
			.regex(VENUE_SLUG_PATTERN, 'a venue slug, e.g. liwan')
			.optional()
			.describe('This venue as the only channel, with its rooms of the day as programmes.'),
		day: festivalDay,
		page: pageNumber(
			`The page, from 1; ${XMLTV_PAGE_SIZE} programmes a page, a Link header names the next.`,
		),
	})
	.strict();
export type XmltvQuery = z.output<typeof xmltvQuerySchema>;

const bilingual = z.object({
	zh: z.string(),
	en: z.string().nullable().describe('null where only a Chinese name was given'),
});

export const feedRoomSchema = z.object({
	id: z.number().int().positive(),
	kind: z.enum(ROOM_KINDS),
	title: bilingual,
	anchor: z.string(),
	startsAt: z.string().datetime().describe('UTC, ISO 8601'),
	endsAt: z.string().datetime(),
	phase: z.enum(LIVE_PHASES).describe('At the time of the answer; feeds are cached for seconds.'),
	merchant: z.object({ id: z.number().int().positive(), name: bilingual }).nullable(),
	district: bilingual,
	category: bilingual,
	watchable: z.boolean().describe('Whether the watch link has a way into WeChat for this room.'),
	url: z.string().url().describe("The room's page on the portal."),
	watchUrl: z.string().url().describe('Opens the room in WeChat (phone) or shows a QR code.'),
	calendarUrl: z.string().url().describe('The room as an iCalendar event.'),
	cover: z.string().url().nullable(),
});

const pageLinks = {
	page: z.number().int().min(1),
	pages: z.number().int().min(1),
	perPage: z.number().int().min(1),
	total: z.number().int().min(0),
	next: z.string().url().nullable().describe('The next page, null on the last.'),
	prev: z.string().url().nullable(),
};

const festivalSchema = z.object({
	slug: z.string(),
	name: z.object({ zh: z.string(), en: z.string() }),
	timezone: z.string().describe('IANA time zone of the festival, e.g. Asia/Shanghai'),
	days: z.array(z.string()),
});

export const scheduleFeedSchema = z.object({
	version: z.literal(FEED_VERSION),
	festival: festivalSchema,
	day: z.string(),
	...pageLinks,
	rooms: z.array(feedRoomSchema),
});
export type ScheduleFeed = z.output<typeof scheduleFeedSchema>;

export const feedVenueSchema = z.object({
	slug: z.string(),
	kind: z.enum(VENUE_KINDS),
	name: z.object({ zh: z.string(), en: z.string() }),
	intro: z.object({ zh: z.string(), en: z.string() }),
	liveNow: z.number().int().min(0),
	url: z.string().url(),
	scheduleUrl: z.string().url().describe("This feed's schedule of the venue."),
	calendarUrl: z.string().url().describe("The venue's rooms as an iCalendar feed."),
	widgetUrl: z.string().url().describe('The embeddable live-now / next widget.'),
});

export const venuesFeedSchema = z.object({
	version: z.literal(FEED_VERSION),
	festival: festivalSchema,
	venues: z.array(feedVenueSchema),
});
export type VenuesFeed = z.output<typeof venuesFeedSchema>;

/** Every refusal: 400 names each parameter at fault and what it should be. */
export const feedErrorSchema = z.object({
	error: z.object({
		message: z.string(),
		issues: z
			.array(z.object({ param: z.string(), message: z.string() }))
			.optional()
			.describe('For a 400: each parameter at fault.'),
	}),
});
export type FeedError = z.output<typeof feedErrorSchema>;
