import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	collectPageFacts,
	findNextPhaseChange,
	NEXT_PHASE_CHANGE_SQL,
	noteChangeAt,
	noteFestivalShown,
	notePageDependsOn,
	noteRoomsShown,
	publicCacheHeaders,
} from '../../../../src/lib/server/cache/policy';
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
});
afterEach(() => temp.cleanup());

/** The cache headers of a page that showed `shown` (and noted `note`) while it rendered. */
function headersOf(
	scope: 'festival' | 'rooms-shown',
	shown: Parameters<typeof noteRoomsShown>[1],
	note: () => void = () => undefined,
) {
	return collectPageFacts(() => {
		noteRoomsShown(NOW, shown);
		note();
		return publicCacheHeaders(db, NOW, scope);
	});
}

/** The two freshness figures: a CDN's s-maxage and the serving layer's own, in seconds. */
function freshness(
	scope: 'festival' | 'rooms-shown',
	shown: Parameters<typeof noteRoomsShown>[1],
	note?: () => void,
) {
	const headers = headersOf(scope, shown, note);
	return [/s-maxage=(\d+)/.exec(headers['Cache-Control']!)?.[1], headers['X-Livefest-Fresh']];
}

describe('how long a public page stays fresh', () => {
	it('a page of given rooms lasts until one of them starts, ends, loses its replay or its fresh status', () => {
		expect(freshness('rooms-shown', [{ startAt: at(3), endAt: at(60) }])).toEqual(['30', '180']);
		expect(freshness('rooms-shown', [{ startAt: at(-60), endAt: at(2) }])).toEqual(['30', '120']);
		expect(
			freshness('rooms-shown', [{ startAt: at(-90), endAt: at(-30), replayExpiresAt: at(4) }]),
		).toEqual(['30', '240']);
		// The plugin's status read 9 minutes ago goes stale in 1 minute; one read 2 minutes ago
		// stops counting when the grace after the end runs out (the room ended 29 minutes ago).
		expect([
			freshness('rooms-shown', [{ startAt: at(60), endAt: at(120), liveStatusAt: at(-9) }]),
			freshness('rooms-shown', [{ startAt: at(-90), endAt: at(-29), liveStatusAt: at(-2) }]),
		]).toEqual([
			['30', '60'],
			['30', '60'],
		]);
		expect(freshness('rooms-shown', [{ startAt: at(0.25), endAt: at(60) }])).toEqual(['15', '15']);
	});

	it('is capped, at 5 minutes here and 30 seconds for CDNs; here to the millisecond, never 0', () => {
		expect(freshness('rooms-shown', [{ startAt: at(600), endAt: at(660) }])).toEqual(['30', '300']);
		expect(freshness('rooms-shown', [])).toEqual(['30', '300']);
		expect(freshness('rooms-shown', [{ startAt: at(0.001), endAt: at(60) }])).toEqual([
			'1',
			'0.06',
		]);
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
		const shown = () => noteFestivalShown(w.festival.id);
		expect(freshness('festival', [{ startAt: at(600), endAt: at(660) }], shown)).toEqual([
			'30',
			'120',
		]);
		expect(freshness('rooms-shown', [{ startAt: at(600), endAt: at(660) }], shown)).toEqual([
			'30',
			'300',
		]);
	});

	it('notes other instants, such as the end of the day a page shows', () => {
		expect(freshness('rooms-shown', [], () => noteChangeAt(NOW, at(1)))).toEqual(['30', '60']);
		expect(freshness('rooms-shown', [], () => noteChangeAt(NOW, at(-1)))).toEqual(['30', '300']);
	});
});

describe('the changes a public page depends on', () => {
	const dependsOf = (scope: 'festival' | 'rooms-shown', note: () => void) =>
		headersOf(scope, [], note)['X-Livefest-Depends'];

	it('a page of one room or one merchant depends on those and the festival only', () => {
		expect(dependsOf('rooms-shown', () => notePageDependsOn('room:7', 'merchant:3'))).toBe(
			'festival merchant:3 room:7',
		);
	});

	it('a festival-wide page, or one whose loaders noted nothing, depends on the lists', () => {
		expect([
			dependsOf('festival', () => notePageDependsOn('room:7')),
			dependsOf('rooms-shown', () => undefined),
		]).toEqual(['festival lists room:7', 'festival lists']);
	});
});

describe('the festival’s next phase change', () => {
	it('is read on the partial indexes of public rooms, never a scan of room', () => {
		const w = createFestivalWorld(db);
		const room = {
			festivalId: w.festival.id,
			districtId: w.district.id,
			categoryId: w.category.id,
		};
		createRoom(db, { ...room, startAt: at(10), endAt: at(70) });
		createRoom(db, { ...room, startAt: at(-10), endAt: at(5), reviewStatus: 'submitted' });
		const plan = db.$client
			.prepare(`EXPLAIN QUERY PLAN ${NEXT_PHASE_CHANGE_SQL}`)
			.all({ festival: 1, now: 0, soon: 0, fresh: 0, grace: 0 }) as { detail: string }[];
		expect([
			findNextPhaseChange(db, w.festival.id, NOW.getTime()),
			plan.map((p) => p.detail).filter((d) => d.includes('room')),
		]).toEqual([
			at(10).getTime(),
			[
				'SEARCH room USING COVERING INDEX room_public_start_idx (festival_id=? AND start_at>?)',
				'SEARCH room USING COVERING INDEX room_public_end_idx (festival_id=? AND end_at>?)',
				'SEARCH room USING COVERING INDEX room_public_start_idx (festival_id=? AND start_at>?)',
				'SEARCH room USING COVERING INDEX room_public_status_idx (festival_id=? AND live_status_at>?)',
				'SEARCH room USING INDEX room_public_status_idx (festival_id=? AND live_status_at>?)',
			],
		]);
	});
});
