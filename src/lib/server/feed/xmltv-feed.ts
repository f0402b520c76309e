import { getImagePath, IMAGE_KINDS } from '../../shared/image';
import { pickName, type RoomCard } from '../../shared/room-card';
import { getDayBounds } from '../../shared/time';
import { venueScope } from '../cache/change-scope';
import { notePageDependsOn } from '../cache/policy';
import type { Db } from '../db';
import { getDefaultDay, listFestivalDays, type Festival } from '../festival/current';
import { countPublicStarts } from '../room/tally';
import { listVenueRoomCards } from '../venue/venue-rooms';
import { listVenues, type VenueRow } from '../venue/venues';
import { checkFestivalDay, linkPage, type FeedIssue } from './feed-request';
import { XMLTV_PAGE_SIZE, type XmltvQuery } from './schemas';
import { buildXmltv, type XmltvChannel, type XmltvProgramme } from './xmltv';

/** A channel id in RFC 2838's DNS-like form, as the DTD suggests: `liwan.venues.example.org`. */
function channelId(v: VenueRow, host: string): string {
	return `${v.slug}.venues.${host}`;
}

function toChannel(v: VenueRow, origin: URL): XmltvChannel {
	return {
		id: channelId(v, origin.hostname),
		names: [
			{ lang: 'zh', text: v.nameZh },
			{ lang: 'en', text: v.nameEn },
		],
		url: new URL(v.kind === 'main' ? '/' : `/venues/${v.slug}`, origin).href,
	};
}

function toProgramme(card: RoomCard, channel: string, origin: URL): XmltvProgramme {
	const describe = (locale: 'zh-cn' | 'en') =>
		[
			card.anchorName,
			card.merchant ? pickName(card.merchant.name, locale) : null,
			pickName(card.district, locale),
		]
			.filter(Boolean)
			.join(' · ');
	return {
		channel,
		start: card.startAt,
		stop: card.endAt,
		titles: [
			{ lang: 'zh', text: card.title.zh },
			...(card.title.en ? [{ lang: 'en', text: card.title.en }] : []),
		],
		descs: [
			{ lang: 'zh', text: describe('zh-cn') },
			{ lang: 'en', text: describe('en') },
		],
		categories: [
			{ lang: 'zh', text: card.category.zh },
			...(card.category.en ? [{ lang: 'en', text: card.category.en }] : []),
		],
		icon: card.cover
			? new URL(getImagePath(card.cover, IMAGE_KINDS.cover.widths[1]), origin).href
			: null,
		url: new URL(`/go/${card.id}`, origin).href,
	};
}

export interface XmltvFeed {
	xml: string;
	/** The next page of the venue's day, when there is one. */
	next: string | null;
}

/**
 * The XMLTV document: every venue as a channel, or one venue with its rooms starting on the day
 * as programmes, XMLTV_PAGE_SIZE a page in start order (a page of room_venue_start_idx).
 */
export function loadXmltvFeed(
	db: Db,
	f: Festival,
	q: XmltvQuery,
	now: Date,
	feedUrl: URL,
): { ok: true; feed: XmltvFeed } | { ok: false; issues: FeedIssue[] } {
	const dayIssues = checkFestivalDay(listFestivalDays(f), q.day);
	if (dayIssues.length > 0) return { ok: false, issues: dayIssues };
	const venues = listVenues(db, f.id);
	const origin = new URL(feedUrl.origin);
	const doc = {
		timezone: f.timezone,
		sourceUrl: feedUrl.href,
		generatorUrl: new URL('/api/v1/openapi.json', origin).href,
	};
	if (!q.venue) {
		return {
			ok: true,
			feed: {
				xml: buildXmltv({
					...doc,
					channels: venues.map((v) => toChannel(v, origin)),
					programmes: [],
				}),
				next: null,
			},
		};
	}
	const venue = venues.find((v) => v.slug === q.venue);
	if (!venue)
		return {
			ok: false,
			issues: [{ param: 'venue', message: 'no venue of the festival has this slug' }],
		};
	notePageDependsOn(venueScope(venue.id));
	const day = q.day ?? getDefaultDay(f, now);
	const { start, end } = getDayBounds(day, f.timezone);
	const total = countPublicStarts(db, f.id, start.getTime(), end.getTime(), { venueId: venue.id });
	const pages = Math.max(1, Math.ceil(total / XMLTV_PAGE_SIZE));
	if (q.page > pages)
		return { ok: false, issues: [{ param: 'page', message: `past the last page (${pages})` }] };
	const cards = listVenueRoomCards(db, f.id, {
		venueId: venue.id,
		now,
		from: start.getTime(),
		to: end.getTime(),
		order: 'asc',
		limit: XMLTV_PAGE_SIZE,
		offset: (q.page - 1) * XMLTV_PAGE_SIZE,
	});
	const channel = toChannel(venue, origin);
	const next = linkPage(feedUrl, day, q.page < pages ? q.page + 1 : null);
	return {
		ok: true,
		feed: {
			xml: buildXmltv({
				...doc,
				channels: [channel],
				programmes: cards.map((c) => toProgramme(c, channel.id, origin)),
			}),
			next,
		},
	};
}
