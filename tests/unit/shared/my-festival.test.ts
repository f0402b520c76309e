import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	buildRoomListSearch,
	findTimeConflicts,
	formatRoomList,
	isSameRoomList,
	MY_FESTIVAL_MAX_ROOMS,
	parseRoomList,
	toWebcalUrl,
} from '../../../src/lib/shared/my-festival';

describe('parseRoomList', () => {
	it('parseRoomList sorts, removes duplicates and skips what is not a room id', () => {
		expect(parseRoomList('40-12-abc-12--0-007-1e3-731-99999999999')).toEqual([12, 40, 731]);
	});

	it('parseRoomList of nothing is an empty list', () => {
		expect([parseRoomList(null), parseRoomList(''), parseRoomList('---')]).toEqual([[], [], []]);
	});

	it(`parseRoomList keeps at most ${MY_FESTIVAL_MAX_ROOMS} rooms`, () => {
		const raw = Array.from({ length: 150 }, (_, i) => i + 1).join('-');
		expect(parseRoomList(raw)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
	});

	it('parseRoomList reads back what formatRoomList wrote, for any list', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 9_999_999_999 }), { maxLength: 120 }),
				(ids) => {
					const expected = [...new Set(ids)].sort((a, b) => a - b).slice(0, MY_FESTIVAL_MAX_ROOMS);
					expect(parseRoomList(formatRoomList(ids))).toEqual(expected);
				},
			),
		);
	});
});

describe('buildRoomListSearch', () => {
	it('buildRoomListSearch gives the same URL for the same rooms in any order', () => {
		expect([
			buildRoomListSearch([40, 12, 40]),
			buildRoomListSearch([12, 40]),
			buildRoomListSearch([]),
		]).toEqual(['?rooms=12-40', '?rooms=12-40', '']);
	});

	it('isSameRoomList compares lists as sets', () => {
		expect([isSameRoomList([3, 1], [1, 3, 3]), isSameRoomList([1], [1, 2])]).toEqual([true, false]);
	});
});

describe('toWebcalUrl', () => {
	it('toWebcalUrl swaps http and https for webcal', () => {
		expect([
			toWebcalUrl('https://live.example.gov.cn/my/calendar.ics?rooms=1-2'),
			toWebcalUrl('http://localhost:4321/my/calendar.ics'),
		]).toEqual([
			'webcal://live.example.gov.cn/my/calendar.ics?rooms=1-2',
			'webcal://localhost:4321/my/calendar.ics',
		]);
	});
});

describe('findTimeConflicts', () => {
	const h = (hour: number) => Date.UTC(2026, 5, 7, hour);

	it('findTimeConflicts pairs overlapping rooms and lets back-to-back rooms be', () => {
		const conflicts = findTimeConflicts([
			{ id: 1, startAt: h(10), endAt: h(12) },
			{ id: 2, startAt: h(11), endAt: h(13) },
			{ id: 3, startAt: h(13), endAt: h(14) },
			{ id: 4, startAt: h(9), endAt: h(15) },
		]);
		expect(Object.fromEntries(conflicts)).toEqual({
			1: [2, 4],
			2: [1, 4],
			3: [4],
			4: [1, 2, 3],
		});
	});

	it('findTimeConflicts agrees with checking every pair, for any rooms', () => {
		const roomArb = fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 1, max: 8 }));
		fc.assert(
			fc.property(fc.array(roomArb, { maxLength: 25 }), (spans) => {
				const rooms = spans.map(([start, length], i) => ({
					id: i + 1,
					startAt: start * 1800_000,
					endAt: (start + length) * 1800_000,
				}));
				const expected = new Map<number, number[]>();
				for (const a of rooms) {
					const others = rooms
						.filter((b) => b.id !== a.id && a.startAt < b.endAt && b.startAt < a.endAt)
						.map((b) => b.id)
						.sort((x, y) => x - y);
					if (others.length) expected.set(a.id, others);
				}
				expect(findTimeConflicts(rooms)).toEqual(expected);
			}),
		);
	});
});
