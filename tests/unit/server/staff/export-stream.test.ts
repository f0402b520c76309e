// Layer: unit (real SQLite file; the export read through its own snapshot connection, as the
// endpoint does). Issue 13: exports stream in bounded pages with the same bytes as before.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../../../src/i18n';
import { recordAuditEvent } from '../../../../src/lib/server/audit/record';
import { toCsv } from '../../../../src/lib/server/staff/csv';
import {
	createExportStream,
	openSnapshotConnection,
} from '../../../../src/lib/server/staff/export-stream';
import {
	EXPORT_PAGE_ROWS,
	readDecisionsExport,
	readRoomsExport,
} from '../../../../src/lib/server/staff/exports';
import { formatStamp } from '../../../../src/lib/server/staff/format';
import {
	REVIEW_STATUSES,
	type ReviewStatus,
	type RoomKind,
} from '../../../../src/lib/shared/status';
import { createFestivalWorld, createMerchant, createRoom } from '../../../support/factories';
import { createTempDb } from '../../../support/temp-db';

const t = createTranslator('zh-cn');
let temp: ReturnType<typeof createTempDb>;
beforeEach(() => {
	temp = createTempDb();
});
afterEach(() => temp.cleanup());

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
	return chunks;
}

/** 2.6 pages of rooms in every review status, many sharing a start, some with hostile text. */
function seedRooms(): ReturnType<typeof createFestivalWorld> {
	const w = createFestivalWorld(db());
	const other = createMerchant(db(), {
		districtId: w.district.id,
		categoryId: w.category.id,
		nameZh: '=荔枝, "小店"',
	});
	const base = Date.parse('2026-06-06T02:00:00Z');
	const count = Math.round(EXPORT_PAGE_ROWS * 2.6);
	db().$client.transaction(() => {
		for (let i = 0; i < count; i += 1) {
			createRoom(db(), {
				festivalId: w.festival.id,
				districtId: w.district.id,
				categoryId: w.category.id,
				merchantId: i % 7 === 0 ? other.id : w.merchant.id,
				reviewStatus: REVIEW_STATUSES[(i * 3) % REVIEW_STATUSES.length]!,
				// Starts repeat (every 37th room shares one), so order among equal starts counts.
				startAt: new Date(base + ((i * 7919) % 37) * 15 * 60_000),
				title: i % 11 === 0 ? `-第${i}场\n"特价"` : `荔枝直播${i}`,
				reviewNote: i % 13 === 0 ? '@请改' : null,
				featuredRank: i % 17 === 0 ? 1 : null,
			});
		}
	})();
	return w;
}

interface RoomRow {
	id: number;
	kind: RoomKind;
	title: string;
	title_en: string | null;
	merchant_name: string | null;
	district_name: string;
	category_name: string;
	start_at: number;
	end_at: number;
	anchor_name: string;
	wx_room_id: number | null;
	review_status: ReviewStatus;
	review_note: string | null;
	featured_rank: number | null;
	updated_at: number;
}

function db() {
	return temp.db;
}

describe('streamed CSV exports', () => {
	it('rooms.csv of 2.6 pages equals the one-statement file byte for byte, in more than one chunk', async () => {
		const w = seedRooms();
		const f = w.festival;
		const stream = createExportStream(
			() => openSnapshotConnection(temp.file),
			(snapshot) => readRoomsExport(snapshot, f, t),
		);
		const chunks = await collect(stream);

		const rows = db().$client.prepare(
			`select r.*, m.name_zh merchant_name, d.name_zh district_name, c.name_zh category_name
			from room r left join merchant m on m.id = r.merchant_id
			join district d on d.id = r.district_id join category c on c.id = r.category_id
			where r.festival_id = ? order by r.start_at, r.id`,
		);
		const stamp = (ms: number | null) => (ms === null ? '' : formatStamp(new Date(ms), f.timezone));
		const expected = toCsv(
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
			(rows.all(f.id) as RoomRow[]).map((r) => [
				r.id,
				t(`kind.${r.kind}`),
				r.title,
				r.title_en,
				r.merchant_name,
				r.district_name,
				r.category_name,
				stamp(r.start_at),
				stamp(r.end_at),
				r.anchor_name,
				r.wx_room_id,
				t(`status.room.${r.review_status}`),
				r.review_note,
				r.featured_rank,
				stamp(r.updated_at),
			]),
		);
		expect({
			bytes: Buffer.concat(chunks).toString('utf8'),
			rows: expected.split('\r\n').length - 2,
			severalChunks: chunks.length > 2,
		}).toEqual({
			bytes: expected,
			rows: Math.round(EXPORT_PAGE_ROWS * 2.6),
			severalChunks: true,
		});
	}, 60_000);

	it('an export reads one snapshot: rows written while it streams are not in it', async () => {
		const w = createFestivalWorld(db());
		const actor = { userId: null, name: 'test' };
		const at = new Date('2026-06-06T03:00:00Z');
		db().$client.transaction(() => {
			for (let i = 0; i < EXPORT_PAGE_ROWS * 2; i += 1) {
				const action = i % 2 === 0 ? 'room.approve' : 'staff.create';
				recordAuditEvent(db(), { actor, action, entityType: 'room', entityId: 1, at });
			}
		})();
		const stream = createExportStream(
			() => openSnapshotConnection(temp.file),
			(snapshot) => readDecisionsExport(snapshot, w.festival, t),
		);
		const reader = stream.getReader();
		const first = await reader.read();
		// Written on the portal's connection after the first page went out.
		recordAuditEvent(db(), { actor, action: 'room.reject', entityType: 'room', entityId: 1, at });
		let text = new TextDecoder().decode(first.value);
		for (let next = await reader.read(); !next.done; next = await reader.read()) {
			text += new TextDecoder().decode(next.value);
		}
		const total = db().$client.prepare('select count(*) from audit_event').pluck().get();
		expect([text.split('\r\n').length - 2, text.includes('room.reject'), total]).toEqual([
			EXPORT_PAGE_ROWS,
			false,
			EXPORT_PAGE_ROWS * 2 + 1,
		]);
	}, 30_000);
});
