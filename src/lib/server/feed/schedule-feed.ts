import { getImagePath, IMAGE_KINDS } from '../../shared/image';
import type { RoomCard } from '../../shared/room-card';
import type { Db } from '../db';
import {
	getDefaultDay,
	listFestivalDays,
	listReferenceData,
	type Festival,
} from '../festival/current';
import { loadSchedulePage, SCHEDULE_PAGE_SIZE } from '../room/schedule';
import { listVenues } from '../venue/venues';
import { checkFestivalDay, linkPage, type FeedIssue } from './feed-request';
import { FEED_VERSION, type ScheduleFeed, type ScheduleFeedQuery } from './schemas';

/** The festival as every feed describes it. */
export function describeFestival(f: Festival): ScheduleFeed['festival'] {
	return {
		slug: f.slug,
		name: { zh: f.nameZh, en: f.nameEn },
		timezone: f.timezone,
		days: listFestivalDays(f),
	};
}

/** A room as the feeds give it: public fields only, times in UTC, absolute links. */
export function toFeedRoom(card: RoomCard, origin: string): ScheduleFeed['rooms'][number] {
	const at = (path: string) => new URL(path, origin).href;
	return {
		id: card.id,
		kind: card.kind,
		title: card.title,
		anchor: card.anchorName,
		startsAt: card.startAt.toISOString(),
		endsAt: card.endAt.toISOString(),
		phase: card.phase,
		merchant: card.merchant,
		district: card.district,
		category: card.category,
		watchable: card.watchable,
		url: at(`/rooms/${card.id}`),
		watchUrl: at(`/go/${card.id}`),
		calendarUrl: at(`/rooms/${card.id}.ics`),
		cover: card.cover ? at(getImagePath(card.cover, IMAGE_KINDS.cover.widths[1])) : null,
	};
}

/**
 * One page of the schedule feed: the public schedule's own reading (room/schedule.ts), so the
 * feed is index-bound at 270,000 rooms as the page is, with the same filters. Codes and slugs
 * that name nothing in this festival are issues, not silently dropped.
 */
export function loadScheduleFeed(
	db: Db,
	f: Festival,
	q: ScheduleFeedQuery,
	now: Date,
	feedUrl: URL,
): { ok: true; feed: ScheduleFeed } | { ok: false; issues: FeedIssue[] } {
	const issues = checkFestivalDay(listFestivalDays(f), q.day);
	const ref = { ...listReferenceData(db, f), venues: listVenues(db, f.id) };
	if (q.venue && !ref.venues.some((v) => v.slug === q.venue)) {
		issues.push({ param: 'venue', message: 'no venue of the festival has this slug' });
	}
	if (q.venue && (q.district || q.category)) {
		issues.push({
			param: 'venue',
			message: 'a venue cannot be combined with district or category',
		});
	}
	if (q.district && !ref.districts.some((d) => d.code === q.district)) {
		issues.push({ param: 'district', message: 'no district of the festival has this code' });
	}
	if (q.category && !ref.categories.some((c) => c.code === q.category)) {
		issues.push({ param: 'category', message: 'no category has this code' });
	}
	if (issues.length > 0) return { ok: false, issues };
	const day = q.day ?? getDefaultDay(f, now);
	const page = loadSchedulePage(db, f, ref, { ...q, day }, now, q.page);
	if (q.page > page.pages) {
		return {
			ok: false,
			issues: [{ param: 'page', message: `past the last page (${page.pages})` }],
		};
	}
	return {
		ok: true,
		feed: {
			version: FEED_VERSION,
			festival: describeFestival(f),
			day,
			page: page.page,
			pages: page.pages,
			perPage: SCHEDULE_PAGE_SIZE,
			total: page.total,
			next: linkPage(feedUrl, day, page.page < page.pages ? page.page + 1 : null),
			prev: linkPage(feedUrl, day, page.page > 1 ? page.page - 1 : null),
			rooms: page.rooms.map((r) => toFeedRoom(r, feedUrl.origin)),
		},
	};
}
