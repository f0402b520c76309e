import { describe, expect, it } from 'vitest';
import { formatCsvCell, toCsv } from '../../../../src/lib/server/staff/csv';

describe('formatCsvCell', () => {
	it('cells a spreadsheet would run as a formula get a leading apostrophe', () => {
		expect(
			['=1+1', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx', 'a=b', '荔枝'].map(formatCsvCell),
		).toEqual(["'=1+1", "'+86 138", "'-5", "'@SUM(A1)", "'\tx", `"'\rx"`, 'a=b', '荔枝']);
	});

	it('quotes cells with a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
		expect(['a,b', 'say "hi"', 'one\ntwo', 'plain'].map(formatCsvCell)).toEqual([
			'"a,b"',
			'"say ""hi"""',
			'"one\ntwo"',
			'plain',
		]);
	});

	it('numbers stay numbers (a negative number is not text to neutralise); empty values are empty', () => {
		expect([
			formatCsvCell(-3),
			formatCsvCell(12.5),
			formatCsvCell(null),
			formatCsvCell(undefined),
			formatCsvCell(Number.NaN),
		]).toEqual(['-3', '12.5', '', '', '']);
	});
});

describe('toCsv', () => {
	it('starts with a BOM and ends every line, the last too, with CRLF', () => {
		expect(
			toCsv(
				['名称', 'n'],
				[
					['=HYPERLINK("x")', 1],
					['荔枝, 小店', null],
				],
			),
		).toBe('\uFEFF名称,n\r\n"\'=HYPERLINK(""x"")",1\r\n"荔枝, 小店",\r\n');
	});
});
