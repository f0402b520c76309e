/**
 * CSV as spreadsheet programs read it: RFC 4180 (fields with a comma, quote, CR or LF quoted,
 * quotes doubled, CRLF line ends), UTF-8 with a byte-order mark so Excel shows Chinese instead of
 * mojibake, and text cells that a spreadsheet would run as a formula neutralised (OWASP's "CSV
 * injection"): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 * apostrophe, which spreadsheets show as text. Numbers are written as numbers.
 */

export type CsvCell = string | number | null | undefined;

/** The byte-order mark a file starts with. */
export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, neutralised and quoted as needed. */
export function formatCsvCell(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of a file, ended by CRLF: what a streamed export writes row by row. */
export function formatCsvLine(row: readonly CsvCell[]): string {
	return `${row.map(formatCsvCell).join(',')}\r\n`;
}

/** A whole file: BOM, the header row, then every row, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	return CSV_BOM + [header, ...rows].map(formatCsvLine).join('');
}
