import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { auditEvent, category, district, merchant, room, user } from '../../../../db/schema';
import type { Translate } from '../../../i18n';
import type { MerchantStatus } from '../../shared/status';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { CSV_BOM, formatCsvLine } from './csv';
import { EXPORT_PAGE_ROWS, formatCsvLines, remember, type ExportPages } from './export-pages';
import { readResultsExport } from './results-export';
import { readRoomsExport } from './rooms-export';
import { createStampFormatter } from './zoned-stamp';

/**
 * The console's CSV exports, read in keyset pages of EXPORT_PAGE_ROWS rows so a 270,000-room file
 * is produced in bounded steps (a few milliseconds each) with constant memory, never in one
 * statement that holds the event loop (see export-stream.ts, which yields between pages). Names
 * are in Chinese and the header in the reader's language; times are in the festival's zone as
 * `YYYY-MM-DD HH:MM`. The bytes are those of the one-statement exports these replaced.
 */

export const EXPORT_KINDS = ['merchants', 'rooms', 'decisions', 'results'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export { EXPORT_PAGE_ROWS, type ExportPages } from './export-pages';
export { readRoomsExport };

/**
 * Every registered business (of `districtId` only, for district staff), with its owner's email and
 * its review state, by id.
 */
export function* readMerchantsExport(
	db: Db,
	f: Festival,
	t: Translate,
	districtId?: number,
): ExportPages {
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
			.where(
				and(
					gt(merchant.id, after),
					districtId === undefined ? undefined : eq(merchant.districtId, districtId),
				),
			)
			.orderBy(asc(merchant.id))
			.limit(EXPORT_PAGE_ROWS)
			.all();
		if (rows.length === 0) return;
		after = rows.at(-1)!.merchant.id;
		yield formatCsvLines(
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
export function* readDecisionsExport(
	db: Db,
	f: Festival,
	t: Translate,
	districtId?: number,
): ExportPages {
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
				.select({
					event: auditEvent,
					roomTitle: room.title,
					merchantName: merchant.nameZh,
					district: sql<number | null>`coalesce(${room.districtId}, ${merchant.districtId})`,
				})
				.from(auditEvent)
				.leftJoin(room, and(eq(auditEvent.entityType, 'room'), eq(room.id, auditEvent.entityId)))
				.leftJoin(
					merchant,
					and(eq(auditEvent.entityType, 'merchant'), eq(merchant.id, auditEvent.entityId)),
				)
				.where(inArray(auditEvent.id, ids))
				.orderBy(asc(auditEvent.createdAt), asc(auditEvent.id))
				.all();
			// District staff get the decisions about their district's rooms and registrations.
			const mine = rows.filter((r) => districtId === undefined || r.district === districtId);
			yield formatCsvLines(
				mine.map((r) => [
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

/** Each export's pages, by kind; with a district, that district's rows only. */
export const EXPORT_READERS: Record<
	ExportKind,
	(db: Db, f: Festival, t: Translate, districtId?: number) => ExportPages
> = {
	merchants: readMerchantsExport,
	rooms: readRoomsExport,
	decisions: readDecisionsExport,
	results: readResultsExport,
};
