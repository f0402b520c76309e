import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	buildCalendar,
	getSequence,
	type CalendarDocument,
	type CalendarRoom,
} from '../../../../src/lib/server/calendar/calendar';
import { buildVTimezone } from '../../../../src/lib/server/calendar/vtimezone';
import { parseCalendar } from '../../../support/access-factories';

const LONG_DESCRIPTION =
	'本场直播由越秀区商务局与北京路商家联合呈现：荔枝、早茶点心、真丝连衣裙与广绣手作同场登场。' +
	'主播将带大家逛遍老字号门店，讲解每件商品的来历和做法；直播间专享价仅限本场，' +
	'下单后四十八小时内发货，支持七天无理由退换。欢迎提前预约，开播前十分钟提醒您进入直播间。🎉';

function room(over: Partial<CalendarRoom> = {}): CalendarRoom {
	return {
		id: 42,
		status: 'confirmed',
		title: '荔枝节, 女装; 专场\n第二行',
		description: LONG_DESCRIPTION,
		location: '微信小程序 · 北京路服饰',
		startAt: new Date('2026-06-07T11:30:00Z'),
		endAt: new Date('2026-06-07T13:00:00Z'),
		updatedAt: new Date('2026-06-01T08:00:00Z'),
		url: 'https://live.example.gov.cn/go/42',
		categories: ['服饰'],
		...over,
	};
}

function doc(rooms: CalendarRoom[], over: Partial<CalendarDocument> = {}): CalendarDocument {
	return {
		name: '我的直播节 · 测试直播节',
		timezone: 'Asia/Shanghai',
		uidHost: 'live.example.gov.cn',
		span: { start: new Date('2026-06-05T16:00:00Z'), end: new Date('2026-06-08T16:00:00Z') },
		rooms,
		labels: { cancelledSummary: '已取消的直播', watch: '进入直播间' },
		...over,
	};
}

describe('buildCalendar', () => {
	it('buildCalendar writes one event that ical.js reads back field for field', async () => {
		const parsed = await parseCalendar(buildCalendar(doc([room()])));
		expect(parsed).toEqual({
			name: '我的直播节 · 测试直播节',
			timezones: ['Asia/Shanghai'],
			events: [
				{
					uid: 'room-42@live.example.gov.cn',
					summary: '荔枝节, 女装; 专场\n第二行',
					description: `${LONG_DESCRIPTION}\n\n进入直播间: https://live.example.gov.cn/go/42`,
					location: '微信小程序 · 北京路服饰',
					url: 'https://live.example.gov.cn/go/42',
					sequence: getSequence(new Date('2026-06-01T08:00:00Z')),
					status: 'CONFIRMED',
					dtstamp: '2026-06-01T08:00:00.000Z',
					start: {
						tzid: 'Asia/Shanghai',
						wall: '2026-06-07T19:30:00',
						instant: '2026-06-07T11:30:00.000Z',
					},
					end: {
						tzid: 'Asia/Shanghai',
						wall: '2026-06-07T21:00:00',
						instant: '2026-06-07T13:00:00.000Z',
					},
					alarms: [{ action: 'DISPLAY', trigger: '-PT10M' }],
				},
			],
		});
	});

	it('buildCalendar folds the long Chinese description into lines of at most 75 octets', () => {
		const text = buildCalendar(doc([room()]));
		const physical = text.split('\r\n').slice(0, -1);
		expect(physical.filter((l) => Buffer.byteLength(l) > 75)).toEqual([]);
		expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
	});

	it('buildCalendar marks a cancelled room CANCELLED, with a neutral title and no reminder', async () => {
		const parsed = await parseCalendar(
			buildCalendar(
				doc([
					room({ status: 'cancelled', title: '', description: '', location: '', categories: [] }),
				]),
			),
		);
		const [event] = parsed.events;
		expect([event!.uid, event!.summary, event!.status, event!.description, event!.alarms]).toEqual([
			'room-42@live.example.gov.cn',
			'已取消的直播',
			'CANCELLED',
			null,
			[],
		]);
	});

	it('buildCalendar raises SEQUENCE and keeps the UID when a room moves', async () => {
		const before = await parseCalendar(buildCalendar(doc([room()])));
		const moved = await parseCalendar(
			buildCalendar(
				doc([
					room({
						startAt: new Date('2026-06-07T12:00:00Z'),
						endAt: new Date('2026-06-07T13:30:00Z'),
						updatedAt: new Date('2026-06-06T09:15:00Z'),
					}),
				]),
			),
		);
		const a = before.events[0]!;
		const b = moved.events[0]!;
		expect([b.uid === a.uid, b.sequence > a.sequence, b.start.wall]).toEqual([
			true,
			true,
			'2026-06-07T20:00:00',
		]);
	});

	it('buildCalendar with no rooms is still a calendar ical.js accepts', async () => {
		expect(await parseCalendar(buildCalendar(doc([])))).toEqual({
			name: '我的直播节 · 测试直播节',
			timezones: ['Asia/Shanghai'],
			events: [],
		});
	});

	it('buildCalendar writes the same bytes for the same rooms', () => {
		expect(buildCalendar(doc([room(), room({ id: 7 })]))).toBe(
			buildCalendar(doc([room(), room({ id: 7 })])),
		);
	});
});

describe('getSequence', () => {
	it('getSequence counts seconds from 2024 and never goes below zero', () => {
		expect([
			getSequence(new Date('2024-01-01T00:00:00Z')),
			getSequence(new Date('2024-01-01T00:01:00Z')),
			getSequence(new Date('2023-06-01T00:00:00Z')),
		]).toEqual([0, 60, 0]);
	});
});

describe('buildVTimezone', () => {
	it('buildVTimezone of Asia/Shanghai is one STANDARD observance at +0800', () => {
		expect(
			buildVTimezone(
				'Asia/Shanghai',
				new Date('2026-06-06T00:00:00Z'),
				new Date('2026-06-08T00:00:00Z'),
			),
		).toEqual([
			'BEGIN:VTIMEZONE',
			'TZID:Asia/Shanghai',
			'BEGIN:STANDARD',
			'DTSTART:20260101T080000',
			'TZOFFSETFROM:+0800',
			'TZOFFSETTO:+0800',
			'END:STANDARD',
			'END:VTIMEZONE',
		]);
	});

	it('buildVTimezone of America/New_York has the 2026 DST changes at 02:00 local', () => {
		const lines = buildVTimezone(
			'America/New_York',
			new Date('2026-06-06T00:00:00Z'),
			new Date('2026-06-08T00:00:00Z'),
		);
		expect(lines.filter((l) => /^(BEGIN:(STANDARD|DAYLIGHT)|DTSTART|TZOFFSET)/.test(l))).toEqual([
			'BEGIN:STANDARD',
			'DTSTART:20251231T190000',
			'TZOFFSETFROM:-0500',
			'TZOFFSETTO:-0500',
			'BEGIN:DAYLIGHT',
			'DTSTART:20260308T020000',
			'TZOFFSETFROM:-0500',
			'TZOFFSETTO:-0400',
			'BEGIN:STANDARD',
			'DTSTART:20261101T020000',
			'TZOFFSETFROM:-0400',
			'TZOFFSETTO:-0500',
		]);
	});

	it('buildCalendar writes a time in the hour repeated at the end of DST in UTC', async () => {
		// Berlin shows 02:30 twice on 25 Oct 2026: at 00:30Z (CEST) and at 01:30Z (CET).
		const first = new Date('2026-10-25T00:30:00Z');
		const second = new Date('2026-10-25T01:30:00Z');
		const parsed = await parseCalendar(
			buildCalendar(
				doc(
					[
						room({ startAt: first, endAt: second }),
						room({ id: 2, startAt: new Date('2026-10-24T10:00:00Z'), endAt: second }),
					],
					{
						timezone: 'Europe/Berlin',
					},
				),
			),
		);
		expect(parsed.events.map((e) => [e.start, e.end.instant])).toEqual([
			[
				{ tzid: null, wall: '2026-10-25T00:30:00Z', instant: '2026-10-25T00:30:00.000Z' },
				'2026-10-25T01:30:00.000Z',
			],
			[
				{ tzid: 'Europe/Berlin', wall: '2026-10-24T12:00:00', instant: '2026-10-24T10:00:00.000Z' },
				'2026-10-25T01:30:00.000Z',
			],
		]);
	});

	it('events in a DST zone convert back to their instants through the written VTIMEZONE', async () => {
		const zone = 'Europe/Berlin';
		const instantArb = fc
			.integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2026, 11, 31) / 60_000 })
			.map((minutes) => new Date(minutes * 60_000));
		const samples = fc.sample(fc.array(instantArb, { minLength: 1, maxLength: 20 }), 10);
		for (const starts of samples) {
			const rooms = starts.map((startAt, i) =>
				room({ id: i + 1, startAt, endAt: new Date(startAt.getTime() + 3600_000) }),
			);
			const parsed = await parseCalendar(
				buildCalendar(doc(rooms, { timezone: zone, span: { start: starts[0]!, end: starts[0]! } })),
			);
			expect(parsed.events.map((e) => e.start.instant)).toEqual(starts.map((s) => s.toISOString()));
		}
	});
});
