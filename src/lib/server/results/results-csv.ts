import type { Translate } from '../../../i18n';
import { formatFenAsYuan } from '../../shared/money';
import { formatZoneOffset, type Locale } from '../../shared/time';
import { CSV_BOM, formatCsvLine, type CsvCell } from '../staff/csv';
import { formatStamp } from '../staff/format';
import type { ResultsRow, ResultsSnapshot, TopRoom } from './snapshot';
import { describeBreakdownHead, toBreakdownCells } from './tables';

/**
 * The published results (`/festival-results.csv`) as one CSV file for spreadsheets: the same document the
 * page shows (results/snapshot.ts), section by section — the overview, by day, district,
 * category and venue, then the top sessions — each section a title line, a header row and its rows, with a
 * blank line between. Days are ISO dates and sales plain yuan (`45600.50`), so a spreadsheet can
 * sum them; every figure's column says whether the merchant reported it or the portal measured it.
 */
export function formatResultsCsv(snapshot: ResultsSnapshot, t: Translate, locale: Locale): string {
	const name = (v: { zh: string; en: string }) => (locale === 'en' ? v.en : v.zh);
	const lines: CsvCell[][] = [[`${name(snapshot.festival.name)} · ${t('results.public.title')}`]];
	const asOf = new Date(snapshot.asOf);
	const tz = snapshot.festival.timezone;
	lines.push([
		t('results.public.asOf', {
			time: formatStamp(asOf, tz),
			zone: formatZoneOffset(asOf, tz),
		}),
	]);
	const breakdown = (title: string, rows: ResultsRow[], label: (r: ResultsRow) => string) => {
		lines.push([], [title], describeBreakdownHead(t, title));
		for (const row of rows) lines.push(toBreakdownCells(row, label(row)));
	};
	const overview = t('results.public.totals');
	breakdown(overview, [{ key: '', label: snapshot.festival.name, ...snapshot.totals }], () =>
		name(snapshot.festival.name),
	);
	breakdown(t('results.byDay'), snapshot.byDay, (r) => r.key);
	breakdown(t('results.byDistrict'), snapshot.byDistrict, (r) => name(r.label));
	breakdown(t('results.byCategory'), snapshot.byCategory, (r) => name(r.label));
	breakdown(t('results.byVenue'), snapshot.byVenue, (r) => name(r.label));
	const top = (title: string, rooms: TopRoom[], source: string, value: (r: TopRoom) => CsvCell) => {
		lines.push(
			[],
			[title],
			[
				t('results.column.rank'),
				t('results.column.room'),
				t('results.column.merchant'),
				t('results.column.day'),
				t('business.district'),
				`${title} (${source})`,
			],
		);
		rooms.forEach((r, i) =>
			lines.push([
				i + 1,
				name(r.title),
				r.merchant ? name(r.merchant) : null,
				r.day,
				name(r.district),
				value(r),
			]),
		);
	};
	const reported = t('results.public.reported');
	const measured = t('results.public.measured');
	top(t('results.topSales'), snapshot.top.sales, reported, (r) =>
		r.salesFen === null ? null : formatFenAsYuan(r.salesFen),
	);
	top(t('results.topViewers'), snapshot.top.viewers, reported, (r) => r.viewers);
	top(t('results.topOpens'), snapshot.top.opens, measured, (r) => r.opens);
	return CSV_BOM + lines.map(formatCsvLine).join('');
}
