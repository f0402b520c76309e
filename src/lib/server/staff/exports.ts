import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditEvent, category, district, merchant, room, user } from '../../../../db/schema';
import type { Translate } from '../../../i18n';
import {
	REVIEW_STATUSES,
	type MerchantStatus,
	type ReviewStatus,
	type RoomKind,
} from '../../shared/status';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { CSV_BOM, formatCsvLine, type CsvCell } from './csv';
import { createStampFormatter } from './zoned-stamp';

/**
 * The console's CSV exports, read in keyset pages of EXPORT_PAGE_ROWS rows so a 270,000-room file
 * is produced in bounded steps (a few milliseconds each) with constant memory, never in one
 * statement that holds the event loop (see export-stream.ts, which yields between pages). Names
 * are in Chinese and the header in the reader's language; times are in the festival's zone as
 * `YYYY-MM-DD HH:MM`. The bytes are those of the one-statement exports these replaced.
 */

export const EXPORT_KINDS = ['merchants', 'rooms', 'decisions'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Rows per page: about 5–10 ms of work each at any festival size. */
export const EXPORT_PAGE_ROWS = 500;

/** An export as a sequence of pieces of the file: the BOM and header first, then pages of lines. */
export type ExportPages = Generator<string, void, void>;

/** A one-argument function whose results are kept: labels translated once per export. */
function remember<K, V>(fn: (key: K) => V): (key: K) => V {
	const known = new Map<K, V>();
	return (key) => {
		if (!known.has(key)) known.set(key, fn(key));
		return known.get(key)!;
	};
}

function lines(rows: readonly (readonly CsvCell[])[]): string {
	let text = '';
	for (const row of rows) text += formatCsvLine(row);
	return text;
}

/** Every registered business, with its owner's email and its review state, by id. */
export function* readMerchantsExport(db: Db, f: Festival, t: Translate): ExportPages {
	const stamp = createStampFormatter(f.timezone);
	const statusLabel = remember((status: MerchantStatus) => t(`status.merchant.${status}`));
	yield (
		CSV_BOM +
		formatCsvLine([
			t('staff.csv.id'),
			t('business.legalName'),
			t('business.nameZh'),
			t('business.nameEn'),
			t('business.creditCode'),
			t('business.district'),
			t('business.category'),
			t('business.appId'),
			t('business.roomPagePath'),
			t('business.contactName'),
			t('business.contactMobile'),
			t('auth.email'),
			t('staff.csv.status'),
			t('staff.csv.reviewNote'),
			t('staff.csv.createdAt'),
			t('staff.csv.updatedAt'),
		])
	);
	for (let after = 0; ;) {
		const rows = db
			.select({ merchant, district: district.nameZh, category: category.nameZh, email: user.email })
			.from(merchant)
			.innerJoin(district, eq(district.id, merchant.districtId))
			.innerJoin(category, eq(category.id, merchant.categoryId))
			.leftJoin(user, eq(user.id, merchant.ownerUserId))
			.where(gt(merchant.id, after))
			.orderBy(asc(merchant.id))
			.limit(EXPORT_PAGE_ROWS)
			.all();
		if (rows.length === 0) return;
		after = rows.at(-1)!.merchant.id;
		yield lines(
			rows.map((r) => [
				r.merchant.id,
				r.merchant.legalName,
				r.merchant.nameZh,
				r.merchant.nameEn,
				r.merchant.creditCode,
				r.district,
				r.category,
				r.merchant.appId,
				r.merchant.roomPagePath,
				r.merchant.contactName,
				r.merchant.contactMobile,
				r.email,
				statusLabel(r.merchant.status),
				r.merchant.reviewNote,
				stamp(r.merchant.createdAt),
				stamp(r.merchant.updatedAt),
			]),
		);
		if (rows.length < EXPORT_PAGE_ROWS) return;
	}
}

const roomDistrict = alias(district, 'room_district');
const roomCategory = alias(category, 'room_category');

function selectRoomPage(
	db: Db,
	f: Festival,
	status: ReviewStatus,
	after: { startAt: number; id: number } | undefined,
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
				after ? sql`(${room.startAt}, ${room.id}) > (${after.startAt}, ${after.id})` : undefined,
			),
		)
		.orderBy(asc(room.startAt), asc(room.id))
		.limit(EXPORT_PAGE_ROWS)
		.all();
}

type RoomExportRow = ReturnType<typeof selectRoomPage>[number];

/**
 * The festival's rooms in (start, id) order, as one merge of a keyset walk per review status
 * along `room_schedule_idx (festival_id, review_status, start_at)`: the order of a single sort
 * over every room, without the sort.
 */
function* walkRoomsInStartOrder(db: Db, f: Festival): Generator<RoomExportRow[], void, void> {
	const lanes = REVIEW_STATUSES.map((status) => ({
		status,
		rows: [] as RoomExportRow[],
		at: 0,
		done: false,
	}));
	const refill = (lane: (typeof lanes)[number]): void => {
		const last = lane.rows.at(-1);
		const after = last ? { startAt: last.startAt.getTime(), id: last.id } : undefined;
		lane.rows = selectRoomPage(db, f, lane.status, after);
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
				const earlier =
					!top ||
					head.startAt.getTime() < top.startAt.getTime() ||
					(head.startAt.getTime() === top.startAt.getTime() && head.id < top.id);
				if (earlier) best = lane;
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

/** Every room of the festival, whatever its state, in time order. */
export function* readRoomsExport(db: Db, f: Festival, t: Translate): ExportPages {
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
	for (const page of walkRoomsInStartOrder(db, f)) {
		yield lines(
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

/** The verbs of review decisions in the audit log. */
const DECISION_ACTIONS = [
	'room.approve',
	'room.reject',
	'merchant.approve',
	'merchant.reject',
	'merchant.suspend',
];

/**
 * Every review decision (and suspension) from the audit log, oldest first, with what it was about.
 * The log also holds every other event (an import writes one per room), so each step walks a
 * bounded stretch of `audit_event_created_idx` and then reads the decisions found in it.
 */
export function* readDecisionsExport(db: Db, f: Festival, t: Translate): ExportPages {
	const stamp = createStampFormatter(f.timezone);
	yield (
		CSV_BOM +
		formatCsvLine([
			t('staff.csv.time'),
			t('staff.csv.actor'),
			t('staff.csv.action'),
			t('staff.csv.entity'),
			t('staff.csv.id'),
			t('staff.csv.name'),
			t('staff.csv.reason'),
		])
	);
	let after: { createdAt: number; id: number } | undefined;
	for (;;) {
		const stretch = db
			.select({
				id: auditEvent.id,
				createdAt: sql<number>`${auditEvent.createdAt}`,
				hit: sql<number>`${inArray(auditEvent.action, DECISION_ACTIONS)}`,
			})
			.from(auditEvent)
			.where(
				after
					? sql`(${auditEvent.createdAt}, ${auditEvent.id}) > (${after.createdAt}, ${after.id})`
					: undefined,
			)
			.orderBy(asc(auditEvent.createdAt), asc(auditEvent.id))
			.limit(EXPORT_PAGE_ROWS)
			.all();
		if (stretch.length === 0) return;
		after = stretch.at(-1)!;
		const ids = stretch.filter((e) => e.hit === 1).map((e) => e.id);
		if (ids.length > 0) {
			const rows = db
				.select({ event: auditEvent, roomTitle: room.title, merchantName: merchant.nameZh })
				.from(auditEvent)
				.leftJoin(room, and(eq(auditEvent.entityType, 'room'), eq(room.id, auditEvent.entityId)))
				.leftJoin(
					merchant,
					and(eq(auditEvent.entityType, 'merchant'), eq(merchant.id, auditEvent.entityId)),
				)
				.where(inArray(auditEvent.id, ids))
				.orderBy(asc(auditEvent.createdAt), asc(auditEvent.id))
				.all();
			yield lines(
				rows.map((r) => [
					stamp(r.event.createdAt),
					r.event.actorName,
					r.event.action,
					r.event.entityType,
					r.event.entityId,
					r.roomTitle ?? r.merchantName,
					r.event.reason,
				]),
			);
		}
		if (stretch.length < EXPORT_PAGE_ROWS) return;
	}
}

/** Each export's pages, by kind. */
export const EXPORT_READERS: Record<
	ExportKind,
	(db: Db, f: Festival, t: Translate) => ExportPages
> = {
	merchants: readMerchantsExport,
	rooms: readRoomsExport,
	decisions: readDecisionsExport,
};
