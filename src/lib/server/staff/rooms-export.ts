import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { category, district, merchant, room } from '../../../../db/schema';
import type { Translate } from '../../../i18n';
import { REVIEW_STATUSES, type ReviewStatus, type RoomKind } from '../../shared/status';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { CSV_BOM, formatCsvLine } from './csv';
import { EXPORT_PAGE_ROWS, formatCsvLines, remember, type ExportPages } from './export-pages';
import { createStampFormatter } from './zoned-stamp';

/** `rooms.csv`: every room of the festival in (start, id) order, read in keyset pages. */

const roomDistrict = alias(district, 'room_district');
const roomCategory = alias(category, 'room_category');

function selectRoomPage(
	db: Db,
	f: Festival,
	status: ReviewStatus,
	after: { startAt: number; endAt: number; id: number } | undefined,
	districtId?: number,
) {
	return db
		.select({
			id: room.id,
			kind: room.kind,
			title: room.title,
			titleEn: room.titleEn,
			merchantName: merchant.nameZh,
			district: roomDistrict.nameZh,
			category: roomCategory.nameZh,
			startAt: room.startAt,
			endAt: room.endAt,
			anchorName: room.anchorName,
			wxRoomId: room.wxRoomId,
			reviewStatus: room.reviewStatus,
			reviewNote: room.reviewNote,
			featuredRank: room.featuredRank,
			updatedAt: room.updatedAt,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.innerJoin(roomDistrict, eq(roomDistrict.id, room.districtId))
		.innerJoin(roomCategory, eq(roomCategory.id, room.categoryId))
		.where(
			and(
				eq(room.festivalId, f.id),
				eq(room.reviewStatus, status),
				districtId === undefined ? undefined : eq(room.districtId, districtId),
				after
					? sql`(${room.startAt}, ${room.endAt}, ${room.id}) > (${after.startAt}, ${after.endAt}, ${after.id})`
					: undefined,
			),
		)
		.orderBy(asc(room.startAt), asc(room.endAt), asc(room.id))
		.limit(EXPORT_PAGE_ROWS)
		.all();
}

type RoomExportRow = ReturnType<typeof selectRoomPage>[number];

/** The walk's order: start, then end, then id. */
function compareRows(a: RoomExportRow, b: RoomExportRow): number {
	return (
		a.startAt.getTime() - b.startAt.getTime() ||
		a.endAt.getTime() - b.endAt.getTime() ||
		a.id - b.id
	);
}

/**
 * The festival's rooms in (start, end, id) order, as one merge of a keyset walk per review status
 * along `room_schedule_idx (festival_id, review_status, start_at, end_at)`, in the index's own
 * order: the order of a single sort over every room, without any sort (in (start, id) order each
 * page sorted every room sharing its start time, 3,000 at a festival's 20:00).
 */
function* walkRoomsInStartOrder(
	db: Db,
	f: Festival,
	districtId?: number,
): Generator<RoomExportRow[], void, void> {
	const lanes = REVIEW_STATUSES.map((status) => ({
		status,
		rows: [] as RoomExportRow[],
		at: 0,
		done: false,
	}));
	const refill = (lane: (typeof lanes)[number]): void => {
		const last = lane.rows.at(-1);
		const after = last
			? { startAt: last.startAt.getTime(), endAt: last.endAt.getTime(), id: last.id }
			: undefined;
		lane.rows = selectRoomPage(db, f, lane.status, after, districtId);
		lane.at = 0;
		lane.done = lane.rows.length < EXPORT_PAGE_ROWS;
	};
	for (const lane of lanes) refill(lane);
	for (;;) {
		const page: RoomExportRow[] = [];
		while (page.length < EXPORT_PAGE_ROWS) {
			let best: (typeof lanes)[number] | undefined;
			for (const lane of lanes) {
				const head = lane.rows[lane.at];
				if (!head) continue;
				const top = best?.rows[best.at];
				if (!top || compareRows(head, top) < 0) best = lane;
			}
			if (!best) break;
			page.push(best.rows[best.at]!);
			best.at += 1;
			if (best.at === best.rows.length && !best.done) refill(best);
		}
		if (page.length === 0) return;
		yield page;
	}
}

/** Every room of the festival (of `districtId` only, for district staff), whatever its state, in time order. */
export function* readRoomsExport(
	db: Db,
	f: Festival,
	t: Translate,
	districtId?: number,
): ExportPages {
	const stamp = createStampFormatter(f.timezone);
	const kindLabel = remember((kind: RoomKind) => t(`kind.${kind}`));
	const statusLabel = remember((status: ReviewStatus) => t(`status.room.${status}`));
	yield (
		CSV_BOM +
		formatCsvLine([
			t('staff.csv.id'),
			t('staff.csv.kind'),
			t('rooms.fieldTitle'),
			t('rooms.fieldTitleEn'),
			t('staff.csv.merchant'),
			t('business.district'),
			t('business.category'),
			t('rooms.fieldStart'),
			t('rooms.fieldEnd'),
			t('rooms.fieldAnchor'),
			t('rooms.wxRoomId'),
			t('staff.csv.status'),
			t('staff.csv.reviewNote'),
			t('staff.csv.featuredRank'),
			t('staff.csv.updatedAt'),
		])
	);
	for (const page of walkRoomsInStartOrder(db, f, districtId)) {
		yield formatCsvLines(
			page.map((r) => [
				r.id,
				kindLabel(r.kind),
				r.title,
				r.titleEn,
				r.merchantName,
				r.district,
				r.category,
				stamp(r.startAt),
				stamp(r.endAt),
				r.anchorName,
				r.wxRoomId,
				statusLabel(r.reviewStatus),
				r.reviewNote,
				r.featuredRank,
				stamp(r.updatedAt),
			]),
		);
	}
}
