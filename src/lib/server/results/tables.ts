import type { Translate } from '../../../i18n';
import { formatFenAsYuan } from '../../shared/money';
import type { ResultsRow } from './snapshot';

/**
 * A breakdown of the results (by day, district or category) as a table: the same columns under the
 * chart on the page (ResultsBreakdown.astro) and in the CSV (results-csv.ts), each figure saying
 * where it comes from — reported by the merchant or measured by the portal.
 */

/** The header row: the breakdown's own column (`title`), then every figure. */
export function describeBreakdownHead(t: Translate, title: string): string[] {
	const reported = ` (${t('results.public.reported')})`;
	const measured = ` (${t('results.public.measured')})`;
	return [
		title,
		t('results.sessions'),
		t('results.reportedRooms'),
		t('results.viewers') + reported,
		t('results.orders') + reported,
		t('results.sales') + reported,
		t('results.opens') + measured,
		t('results.calendarDownloads') + measured,
		t('results.stars') + measured,
	];
}

/** One row's cells, under `describeBreakdownHead`: sales in yuan (`45600.50`, `12`). */
export function toBreakdownCells(row: ResultsRow, label: string): (string | number)[] {
	return [
		label,
		row.sessions,
		row.reportedRooms,
		row.viewers,
		row.orders,
		formatFenAsYuan(row.salesFen),
		row.opens,
		row.calendarDownloads,
		row.stars,
	];
}
