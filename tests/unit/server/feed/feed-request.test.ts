import { describe, expect, it } from 'vitest';
import { parseFeedQuery } from '../../../../src/lib/server/feed/feed-request';
import { scheduleFeedQuerySchema } from '../../../../src/lib/server/feed/schemas';

/** Unit: feed queries are parsed strictly, every parameter at fault named. */
describe('parseFeedQuery', () => {
	it('reads a valid query, an empty value as absent and the page as a number', () => {
		expect(
			parseFeedQuery(
				new URLSearchParams('day=2026-06-07&venue=liwan&kind=&page=3'),
				scheduleFeedQuerySchema,
			),
		).toEqual({ ok: true, query: { day: '2026-06-07', venue: 'liwan', page: 3 } });
	});

	it('names a repeated parameter, an unknown one and a malformed value', () => {
		expect(
			parseFeedQuery(
				new URLSearchParams('venue=liwan&venue=tianhe&day=7%20June&format=csv'),
				scheduleFeedQuerySchema,
			),
		).toEqual({
			ok: false,
			issues: [
				{ param: 'venue', message: 'given more than once' },
				{ param: 'day', message: 'a festival day as YYYY-MM-DD' },
				{ param: 'format', message: 'not a parameter of this feed' },
			],
		});
	});
});
