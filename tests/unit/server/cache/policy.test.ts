import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	collectPhaseChanges,
	noteChangeAt,
	noteRoomsShown,
	publicCacheHeaders,
} from '../../../../src/lib/server/cache/policy';
import { invalidatePublicPages } from '../../../../src/lib/server/cache/invalidate';
import type { Db } from '../../../../src/lib/server/db';
import { createFestivalWorld, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const NOW = new Date('2026-06-07T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let temp: ReturnType<typeof createTempDb>;
let db: Db;
beforeEach(() => {
	temp = createTempDb();
	db = temp.db;
	invalidatePublicPages('test'); // forget the festival-wide change memoised by another test
});
afterEach(() => temp.cleanup());

/** The two freshness figures of a page that showed `rooms`, in a festival holding `festival`. */
function freshness(
	scope: 'festival' | 'rooms-shown',
	shown: Parameters<typeof noteRoomsShown>[1],
	extra?: Date,
) {
	const headers = collectPhaseChanges(() => {
		noteRoomsShown(NOW, shown);
		if (extra) noteChangeAt(NOW, extra);
		return publicCacheHeaders(db, NOW, scope);
	});
	return [/s-maxage=(\d+)/.exec(headers['Cache-Control']!)?.[1], headers['X-Livefest-Fresh']];
}

describe('how long a public page stays fresh', () => {
	it('a page of given rooms lasts until one of them starts, ends, loses its replay or its fresh status', () => {
		expect(freshness('rooms-shown', [{ startAt: at(3), endAt: at(60) }])).toEqual(['30', '180']);
		expect(freshness('rooms-shown', [{ startAt: at(-60), endAt: at(2) }])).toEqual(['30', '120']);
		expect(
			freshness('rooms-shown', [{ startAt: at(-90), endAt: at(-30), replayExpiresAt: at(4) }]),
		).toEqual(['30', '240']);
		// The plugin's status read 14 minutes ago goes stale in 1 minute.
		expect(
			freshness('rooms-shown', [{ startAt: at(60), endAt: at(120), liveStatusAt: at(-14) }]),
		).toEqual(['30', '60']);
		expect(freshness('rooms-shown', [{ startAt: at(0.25), endAt: at(60) }])).toEqual(['15', '15']);
	});

	it('is capped, at 5 minutes here and 30 seconds for CDNs, and is never 0', () => {
		expect(freshness('rooms-shown', [{ startAt: at(600), endAt: at(660) }])).toEqual(['30', '300']);
		expect(freshness('rooms-shown', [])).toEqual(['30', '300']);
		expect(freshness('rooms-shown', [{ startAt: at(0.001), endAt: at(60) }])).toEqual(['1', '1']);
	});

	it('a page that may change with any room lasts until the festival next changes', () => {
		const w = createFestivalWorld(db);
		const base = {
			festivalId: w.festival.id,
			districtId: w.district.id,
			categoryId: w.category.id,
		};
		createRoom(db, { ...base, startAt: at(-30), endAt: at(2) }); // ends in 2 minutes
		createRoom(db, { ...base, startAt: at(600), endAt: at(660) });
		expect(freshness('festival', [{ startAt: at(600), endAt: at(660) }])).toEqual(['30', '120']);
		expect(freshness('rooms-shown', [{ startAt: at(600), endAt: at(660) }])).toEqual(['30', '300']);
	});

	it('notes other instants, such as the end of the day a page shows', () => {
		expect(freshness('rooms-shown', [], at(1))).toEqual(['30', '60']);
		expect(freshness('rooms-shown', [], at(-1))).toEqual(['30', '300']);
	});
});
