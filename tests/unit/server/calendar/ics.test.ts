import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	escapeText,
	foldLine,
	formatUtcDateTime,
	formatUtcOffset,
	formatZonedDateTime,
	serializeLines,
} from '../../../../src/lib/server/calendar/ics';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('escapeText', () => {
	it('escapeText escapes backslash, semicolon and comma and writes line breaks as \\n', () => {
		expect(escapeText('早茶, 点心; 和\\茶\r\n第二行\n第三行\r第四行')).toBe(
			'早茶\\, 点心\\; 和\\\\茶\\n第二行\\n第三行\\n第四行',
		);
	});

	it('escapeText drops control characters and turns tabs into spaces', () => {
		expect(escapeText('a\u0000b\u0007c\td\u007fe')).toBe('abc de');
	});
});

describe('foldLine', () => {
	it('foldLine leaves a line of 75 octets alone and folds the 76th onto a new line', () => {
		const line = `SUMMARY:${'a'.repeat(67)}`;
		expect([foldLine(line), foldLine(`${line}b`)]).toEqual([line, `${line}\r\n b`]);
	});

	it('foldLine never splits a Chinese character: the first line holds SUMMARY: and 22 of them', () => {
		const folded = foldLine(`SUMMARY:${'荔'.repeat(30)}`);
		expect(folded.split('\r\n ')).toEqual([`SUMMARY:${'荔'.repeat(22)}`, '荔'.repeat(8)]);
		expect(folded.split('\r\n ').map(octets)).toEqual([74, 24]);
	});

	it('foldLine of any text gives lines of at most 75 octets that unfold to the original', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
				const line = `DESCRIPTION:${escapeText(text)}`;
				const folded = foldLine(line);
				const physical = folded.split('\r\n');
				expect(physical.every((p) => octets(p) <= 75)).toBe(true);
				expect(physical.slice(1).every((p) => p.startsWith(' '))).toBe(true);
				expect(folded.replace(/\r\n /g, '')).toBe(line);
				// Every physical line is whole UTF-8: encoding it and decoding it changes nothing.
				expect(physical.every((p) => Buffer.from(p, 'utf8').toString('utf8') === p)).toBe(true);
				expect(physical.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
			}),
			{ numRuns: 400 },
		);
	});
});

describe('serializeLines', () => {
	it('serializeLines ends every line with CRLF', () => {
		expect(serializeLines(['BEGIN:VCALENDAR', 'END:VCALENDAR'])).toBe(
			'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
		);
	});
});

describe('date-time formats', () => {
	const instant = new Date('2026-06-07T11:30:00Z');

	it('formatUtcDateTime writes a UTC DATE-TIME', () => {
		expect(formatUtcDateTime(instant)).toBe('20260607T113000Z');
	});

	it('formatZonedDateTime writes the wall time of the zone, whatever the process zone', () => {
		expect([
			formatZonedDateTime(instant, 'Asia/Shanghai'),
			formatZonedDateTime(instant, 'America/New_York'),
			formatZonedDateTime(new Date('2026-01-07T11:30:00Z'), 'America/New_York'),
		]).toEqual(['20260607T193000', '20260607T073000', '20260107T063000']);
	});

	it('formatUtcOffset writes signed hours and minutes', () => {
		expect([480, -300, 330, -210, 0].map(formatUtcOffset)).toEqual([
			'+0800',
			'-0500',
			'+0530',
			'-0330',
			'+0000',
		]);
	});
});
