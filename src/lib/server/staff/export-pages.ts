import { formatCsvLine, type CsvCell } from './csv';

/**
 * What every CSV export shares: the page size of its keyset walk and its shape, a sequence of
 * pieces of the file (staff/export-stream.ts sends each and gives the event loop a turn).
 */

/** Rows per page: 2–5 ms of work each at any festival size (the first, on a cold connection, ~40). */
export const EXPORT_PAGE_ROWS = 200;

/** An export as a sequence of pieces of the file: the BOM and header first, then pages of lines. */
export type ExportPages = Generator<string, void, void>;

/** A one-argument function whose results are kept: labels translated once per export. */
export function remember<K, V>(fn: (key: K) => V): (key: K) => V {
	const known = new Map<K, V>();
	return (key) => {
		if (!known.has(key)) known.set(key, fn(key));
		return known.get(key)!;
	};
}

/** Rows as lines of the file, each ended by CRLF. */
export function formatCsvLines(rows: readonly (readonly CsvCell[])[]): string {
	let text = '';
	for (const row of rows) text += formatCsvLine(row);
	return text;
}
