import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	formatClock,
	formatDay,
	formatIsoWithOffset,
	formatZoneOffset,
	getDayBounds,
	getDayKey,
	getInstantFromZoned,
	getZonedParts,
	isDayKey,
	listDays,
} from '../../../src/lib/shared/time';

// The unit project runs with TZ=America/New_York: every expectation below is in the festival's
// zone, so a pass proves the server's own zone does not leak into what is shown.
const SH = 'Asia/Shanghai';

describe('time in the festival zone', () => {
	it('runs under a server zone other than the festival zone', () => {
		expect(new Date('2026-06-06T00:00:00Z').getTimezoneOffset()).toBe(240);
	});

	it('getDayKey names the Shanghai date of an instant past UTC midnight', () => {
		// 2026-06-05 17:30 UTC is 01:30 on June 6 in Shanghai (and June 5 in New York).
		expect(getDayKey(new Date('2026-06-05T17:30:00Z'), SH)).toBe('2026-06-06');
	});

	it('getInstantFromZoned converts Shanghai wall time to UTC', () => {
		expect(getInstantFromZoned('2026-06-06', 19, 30, SH).toISOString()).toBe(
			'2026-06-06T11:30:00.000Z',
		);
	});

	it('getDayBounds spans 24 hours from Shanghai midnight', () => {
		const { start, end } = getDayBounds('2026-06-06', SH);
		expect([start.toISOString(), end.toISOString()]).toEqual([
			'2026-06-05T16:00:00.000Z',
			'2026-06-06T16:00:00.000Z',
		]);
	});

	it('getDayBounds of a spring-forward day in a DST zone spans 23 hours', () => {
		const { start, end } = getDayBounds('2026-03-08', 'America/New_York');
		expect([start.toISOString(), (end.getTime() - start.getTime()) / 3_600_000]).toEqual([
			'2026-03-08T05:00:00.000Z',
			23,
		]);
	});

	it('formatClock shows the 24-hour Shanghai time', () => {
		expect(formatClock(new Date('2026-06-06T11:05:00Z'), SH)).toBe('19:05');
	});

	it('formatDay compact keeps only month and day', () => {
		expect([
			formatDay('2026-06-06', 'zh-cn', 'compact'),
			formatDay('2026-06-06', 'en', 'compact'),
		]).toEqual(['6月6日', '6 Jun']);
	});

	it('formatDay reads naturally in both languages', () => {
		expect([formatDay('2026-06-06', 'zh-cn'), formatDay('2026-06-06', 'en')]).toEqual([
			'6月6日周六',
			'Sat 6 Jun',
		]);
	});

	it('formatIsoWithOffset writes ISO 8601 with the zone offset', () => {
		expect(formatIsoWithOffset(new Date('2026-06-06T11:30:00Z'), SH)).toBe(
			'2026-06-06T19:30:00+08:00',
		);
		expect(formatIsoWithOffset(new Date('2026-01-10T15:00:00Z'), 'America/St_Johns')).toBe(
			'2026-01-10T11:30:00-03:30',
		);
	});

	it('formatZoneOffset states the offset', () => {
		expect(formatZoneOffset(new Date('2026-06-06T00:00:00Z'), SH)).toBe('UTC+8');
		expect(formatZoneOffset(new Date('2026-01-10T00:00:00Z'), 'America/St_Johns')).toBe('UTC−3:30');
	});

	it('isDayKey accepts real dates and rejects impossible or malformed ones', () => {
		expect(
			['2026-06-06', '2028-02-29', '2026-02-29', '2026-13-01', '2026-6-6', 'x'].map(isDayKey),
		).toEqual([true, true, false, false, false, false]);
	});

	it('addDays and listDays cross month ends', () => {
		expect(addDays('2026-06-30', 1)).toBe('2026-07-01');
		expect(listDays('2026-06-29', '2026-07-01')).toEqual([
			'2026-06-29',
			'2026-06-30',
			'2026-07-01',
		]);
	});
});

describe('getZonedParts, remembered by zone and minute', () => {
	/** The fields straight from Intl, as the function computed them before it remembered them. */
	const direct = (instant: Date, timeZone: string) => {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
		}).formatToParts(instant);
		const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
		return {
			year: get('year'),
			month: get('month'),
			day: get('day'),
			hour: get('hour'),
			minute: get('minute'),
		};
	};

	it('gives what Intl gives, asked once or again, across DST changes and half-hour zones', () => {
		const zones = [SH, 'America/New_York', 'Australia/Adelaide', 'Asia/Kolkata', 'Europe/London'];
		// Around New York's 2026 changes (8 March, 1 November) and at random.
		const changes = [Date.UTC(2026, 2, 8, 6, 30), Date.UTC(2026, 10, 1, 5, 30)];
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.oneof(
					fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
					fc
						.tuple(fc.constantFrom(...changes), fc.integer({ min: -7_200_000, max: 7_200_000 }))
						.map(([t, d]) => t + d),
				),
				(zone, t) => {
					const instant = new Date(t);
					const first = getZonedParts(instant, zone);
					const again = getZonedParts(new Date(t - (t % 60_000) + 59_999), zone);
					expect([first, again]).toEqual([direct(instant, zone), direct(instant, zone)]);
				},
			),
			{ numRuns: 2000 },
		);
	});

	it('hands out frozen fields, so no caller can change what the next one reads', () => {
		const parts = getZonedParts(new Date('2026-06-06T11:30:00Z'), SH);
		expect([Object.isFrozen(parts), parts.hour, parts.minute]).toEqual([true, 19, 30]);
	});
});
