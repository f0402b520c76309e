/**
 * Every public page issue 13 (item 2) names, as URLs of one prepared festival: the home pages, the
 * busiest day's schedule (first page, a deep page, each filter and some combinations), the
 * showcase, a merchant, a room, search, the JSON endpoints, "my festival" and the calendars.
 * The same names at every size, so the report can put the demo's figure beside the large one.
 */
import { SCHEDULE_PAGE_SIZE } from '../../src/lib/server/room/schedule';
import type { ScaleWorld } from './world';

export interface BenchPage {
	name: string;
	path: string;
}

/** The deep page asked for at 270,000 rooms; smaller festivals get their last page instead. */
const DEEP_PAGE = 900;

/** The render benchmark's pages for `world`. */
export function listRenderPages(world: ScaleWorld): BenchPage[] {
	const day = world.busiestDay.day;
	const district = world.ids.districts.includes('tianhe') ? 'tianhe' : world.ids.districts[0]!;
	const category = world.ids.categories[0]!;
	const lastPage = Math.max(1, Math.ceil(world.busiestDay.count / SCHEDULE_PAGE_SIZE));
	const deep = Math.min(DEEP_PAGE, lastPage);
	const schedule = (query: Record<string, string>) =>
		`/schedule?${new URLSearchParams({ day, ...query })}`;
	const fifty = world.ids.fifty.join('-');
	return [
		{ name: 'home', path: '/' },
		{ name: 'home (en)', path: '/en/' },
		{ name: 'schedule, busiest day', path: schedule({}) },
		{ name: `schedule, deep page`, path: schedule({ page: String(deep) }) },
		{ name: 'schedule, district', path: schedule({ district }) },
		{ name: 'schedule, category', path: schedule({ category }) },
		{ name: 'schedule, kind=merchant', path: schedule({ kind: 'merchant' }) },
		{ name: 'schedule, kind=showcase', path: schedule({ kind: 'showcase' }) },
		{ name: 'schedule, phase=live', path: schedule({ phase: 'live' }) },
		{ name: 'schedule, phase=upcoming', path: schedule({ phase: 'upcoming' }) },
		{ name: 'schedule, phase=ended', path: schedule({ phase: 'ended' }) },
		{ name: 'schedule, district+category', path: schedule({ district, category }) },
		{ name: 'schedule, district+phase=live', path: schedule({ district, phase: 'live' }) },
		{
			name: 'schedule, category+kind+phase',
			path: schedule({ category, kind: 'merchant', phase: 'upcoming' }),
		},
		{
			name: 'schedule, all four filters',
			path: schedule({ district, category, kind: 'merchant', phase: 'ended' }),
		},
		{ name: 'schedule, district, page 3', path: schedule({ district, page: '3' }) },
		{ name: 'showcase', path: '/showcase' },
		{ name: 'merchant (most rooms)', path: `/merchants/${world.ids.merchant}` },
		{ name: 'room', path: `/rooms/${world.ids.room}` },
		{ name: 'search page 女装', path: `/search?q=${encodeURIComponent('女装')}` },
		{ name: 'search API 直播', path: `/api/search?q=${encodeURIComponent('直播')}` },
		{ name: 'search API 女装', path: `/api/search?q=${encodeURIComponent('女装')}` },
		{
			name: 'rooms status API (50 ids)',
			path: `/api/rooms/status?ids=${world.ids.fifty.join(',')}`,
		},
		{ name: 'my festival (50 rooms)', path: `/my?rooms=${fifty}` },
		{ name: 'room calendar .ics', path: `/rooms/${world.ids.room}.ics` },
		{ name: 'my calendar .ics (50 rooms)', path: `/my/calendar.ics?rooms=${fifty}` },
		// Venues (issue 17): target ≤ 25 ms like every public page.
		{ name: 'venues', path: '/venues' },
		{ name: 'venue, district', path: `/venues/${district}` },
		{ name: 'venue, themed', path: '/venues/time-honoured' },
		{ name: 'venue widget', path: `/embed/venues/${district}` },
		{ name: 'schedule, venue', path: schedule({ venue: district }) },
		{ name: 'search, venue', path: `/search?q=${encodeURIComponent('女装')}&venue=${district}` },
		{ name: 'feed: schedule, venue', path: `/api/v1/schedule?day=${day}&venue=${district}` },
		{ name: 'feed: XMLTV, venue', path: `/api/v1/xmltv.xml?day=${day}&venue=${district}` },
		{ name: 'feed: venue calendar', path: `/venues/${district}.ics` },
	];
}

/** The hot pages of the throughput runs (issue 13 item 4): cached, under load, with and without writes. */
export function listHotPages(world: ScaleWorld): BenchPage[] {
	return [
		{ name: 'home', path: '/' },
		{ name: 'schedule, busiest day', path: `/schedule?day=${world.busiestDay.day}` },
		{ name: 'room', path: `/rooms/${world.ids.room}` },
		{ name: 'search API 女装', path: `/api/search?q=${encodeURIComponent('女装')}` },
	];
}
