import { and, asc, eq, gt } from 'drizzle-orm';
import { category, district, merchant, room, roomResult } from '../../../../db/schema';
import type { Translate } from '../../../i18n';
import { formatFenAsYuan } from '../../shared/money';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { CSV_BOM, formatCsvLine } from './csv';
import { EXPORT_PAGE_ROWS, formatCsvLines, type ExportPages } from './export-pages';
import { createStampFormatter } from './zoned-stamp';

/**
 * `results.csv`: every session of the festival with a result — what its merchant reported and
 * what the portal measured — in room order, read in keyset pages of room_result's primary key.
 * Sessions no longer public are listed too (the published figures leave them out): staff see why
 * a total moved.
 */
export function* readResultsExport(db: Db, f: Festival, t: Translate): ExportPages {
	const stamp = createStampFormatter(f.timezone);
	const reported = ` (${t('results.public.reported')})`;
	const measured = ` (${t('results.public.measured')})`;
	yield (
		CSV_BOM +
		formatCsvLine([
			t('staff.csv.id'),
			t('rooms.fieldTitle'),
			t('staff.csv.merchant'),
			t('business.district'),
			t('business.category'),
			t('rooms.fieldStart'),
			t('rooms.fieldEnd'),
			t('staff.csv.status'),
			t('results.viewers') + reported,
			t('results.orders') + reported,
			t('results.sales') + reported,
			t('staff.csv.reportedAt'),
			t('results.opens') + measured,
			t('results.calendarDownloads') + measured,
			t('results.stars') + measured,
		])
	);
	for (let after = 0; ;) {
		const rows = db
			.select({
				result: roomResult,
				title: room.title,
				startAt: room.startAt,
				endAt: room.endAt,
				reviewStatus: room.reviewStatus,
				merchant: merchant.nameZh,
				district: district.nameZh,
				category: category.nameZh,
			})
			.from(roomResult)
			.innerJoin(room, eq(room.id, roomResult.roomId))
			.innerJoin(district, eq(district.id, room.districtId))
			.innerJoin(category, eq(category.id, room.categoryId))
			.leftJoin(merchant, eq(merchant.id, room.merchantId))
			.where(and(gt(roomResult.roomId, after), eq(roomResult.festivalId, f.id)))
			.orderBy(asc(roomResult.roomId))
			.limit(EXPORT_PAGE_ROWS)
			.all();
		if (rows.length === 0) return;
		after = rows.at(-1)!.result.roomId;
		yield formatCsvLines(
			rows.map((r) => [
				r.result.roomId,
				r.title,
				r.merchant,
				r.district,
				r.category,
				stamp(r.startAt),
				stamp(r.endAt),
				t(`status.room.${r.reviewStatus}`),
				r.result.viewers,
				r.result.orders,
				r.result.salesFen === null ? null : formatFenAsYuan(r.result.salesFen),
				r.result.reportedAt ? stamp(r.result.reportedAt) : null,
				r.result.opens,
				r.result.calendarDownloads,
				r.result.stars,
			]),
		);
		if (rows.length < EXPORT_PAGE_ROWS) return;
	}
}
