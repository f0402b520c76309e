import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditEvent, category, district, merchant, room, user } from '../../../../db/schema';
import type { Translate } from '../../../i18n';
import { formatClock, getDayKey } from '../../shared/time';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { toCsv } from './csv';

/**
 * The console's CSV exports. Each is one statement, with names in Chinese and the header in the
 * reader's language; times are in the festival's zone as `YYYY-MM-DD HH:MM`.
 */

export const EXPORT_KINDS = ['merchants', 'rooms', 'decisions'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

function stamp(instant: Date | null, timeZone: string): string {
	return instant ? `${getDayKey(instant, timeZone)} ${formatClock(instant, timeZone)}` : '';
}

/** Every registered business, with its owner's email and its review state. */
export function exportMerchants(db: Db, f: Festival, t: Translate): string {
	const rows = db
		.select({ merchant, district: district.nameZh, category: category.nameZh, email: user.email })
		.from(merchant)
		.innerJoin(district, eq(district.id, merchant.districtId))
		.innerJoin(category, eq(category.id, merchant.categoryId))
		.leftJoin(user, eq(user.id, merchant.ownerUserId))
		.orderBy(asc(merchant.id))
		.all();
	return toCsv(
		[
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
		],
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
			t(`status.merchant.${r.merchant.status}`),
			r.merchant.reviewNote,
			stamp(r.merchant.createdAt, f.timezone),
			stamp(r.merchant.updatedAt, f.timezone),
		]),
	);
}

const roomDistrict = alias(district, 'room_district');
const roomCategory = alias(category, 'room_category');

/** Every room of the festival, whatever its state. */
export function exportRooms(db: Db, f: Festival, t: Translate): string {
	const rows = db
		.select({
			room,
			merchantName: merchant.nameZh,
			district: roomDistrict.nameZh,
			category: roomCategory.nameZh,
		})
		.from(room)
		.leftJoin(merchant, eq(merchant.id, room.merchantId))
		.innerJoin(roomDistrict, eq(roomDistrict.id, room.districtId))
		.innerJoin(roomCategory, eq(roomCategory.id, room.categoryId))
		.where(eq(room.festivalId, f.id))
		.orderBy(asc(room.startAt), asc(room.id))
		.all();
	return toCsv(
		[
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
		],
		rows.map((r) => [
			r.room.id,
			t(`kind.${r.room.kind}`),
			r.room.title,
			r.room.titleEn,
			r.merchantName,
			r.district,
			r.category,
			stamp(r.room.startAt, f.timezone),
			stamp(r.room.endAt, f.timezone),
			r.room.anchorName,
			r.room.wxRoomId,
			t(`status.room.${r.room.reviewStatus}`),
			r.room.reviewNote,
			r.room.featuredRank,
			stamp(r.room.updatedAt, f.timezone),
		]),
	);
}

/** The verbs of review decisions in the audit log. */
const DECISION_ACTIONS = [
	'room.approve',
	'room.reject',
	'merchant.approve',
	'merchant.reject',
	'merchant.suspend',
];

/** Every review decision (and suspension) from the audit log, oldest first, with what it was about. */
export function exportDecisions(db: Db, f: Festival, t: Translate): string {
	const rows = db
		.select({
			event: auditEvent,
			roomTitle: room.title,
			merchantName: merchant.nameZh,
		})
		.from(auditEvent)
		.leftJoin(room, and(eq(auditEvent.entityType, 'room'), eq(room.id, auditEvent.entityId)))
		.leftJoin(
			merchant,
			and(eq(auditEvent.entityType, 'merchant'), eq(merchant.id, auditEvent.entityId)),
		)
		.where(inArray(auditEvent.action, DECISION_ACTIONS))
		.orderBy(asc(auditEvent.createdAt), asc(auditEvent.id))
		.all();
	return toCsv(
		[
			t('staff.csv.time'),
			t('staff.csv.actor'),
			t('staff.csv.action'),
			t('staff.csv.entity'),
			t('staff.csv.id'),
			t('staff.csv.name'),
			t('staff.csv.reason'),
		],
		rows.map((r) => [
			stamp(r.event.createdAt, f.timezone),
			r.event.actorName,
			r.event.action,
			r.event.entityType,
			r.event.entityId,
			r.roomTitle ?? r.merchantName,
			r.event.reason,
		]),
	);
}
