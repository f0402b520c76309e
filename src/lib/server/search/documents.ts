import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { RoomKind } from '../../shared/status';
import { getDayKey } from '../../shared/time';
import type { Db } from '../db';
import { foldHan } from './fold';
import { buildPinyinText, buildWordPinyinText } from './tokens';

/**
 * One public room as an external engine (Meilisearch) stores it. Text fields come from the
 * `room_search_source` view, the same source the embedded FTS5 index reads, so both engines see
 * the same words; filter fields are codes and epoch milliseconds so filters need no lookups.
 */
export interface RoomDocument {
	id: number;
	festivalId: number;
	title: string;
	titleEn: string;
	/** Merchant (zh/en), anchor and showcase hosts with their titles. */
	names: string;
	/**
	 * Pinyin, full and initials, of title, merchant, anchor and hosts (`nvzhuang`, `nz`) and of
	 * product names from their words' starts (`shaoe`).
	 */
	pinyin: string;
	products: string;
	description: string;
	/** Festival-zone day key (`YYYY-MM-DD`) of the start. */
	day: string;
	district: string;
	category: string;
	kind: RoomKind;
	startsAt: number;
	endsAt: number;
	/** The ids of the venues the room is in (room_venue), to filter a search by venue. */
	venues: number[];
}

interface SourceRow {
	id: number;
	festivalId: number;
	title: string;
	titleEn: string | null;
	names: string;
	products: string;
	description: string;
	titlePinyin: string;
	namesPinyin: string;
	district: string;
	category: string;
	kind: RoomKind;
	startsAt: number;
	endsAt: number;
	timeZone: string;
	/** JSON array of venue ids. */
	venues: string;
}

/** Whitespace collapsed and Traditional folded to Simplified, as the FTS5 index holds text. */
const squash = (text: string | null): string =>
	(text ?? '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/\p{Script=Han}+/gu, foldHan);

function selectSourceRows(db: Db, where: SQL, limit?: number): SourceRow[] {
	return db.all<SourceRow>(sql`SELECT s.id AS id, s.festival_id AS festivalId, r.title AS title,
			r.title_en AS titleEn, s.names_text AS names, s.products_text AS products,
			s.description_text AS description, s.title_pinyin_text AS titlePinyin,
			s.names_pinyin_text AS namesPinyin, d.code AS district,
			c.code AS category, r.kind AS kind, r.start_at AS startsAt, r.end_at AS endsAt,
			f.timezone AS timeZone,
			(SELECT json_group_array(v.venue_id) FROM room_venue v WHERE v.room_id = s.id) AS venues
		FROM room_search_source s
		JOIN room r ON r.id = s.id
		JOIN district d ON d.id = s.district_id
		JOIN category c ON c.id = s.category_id
		JOIN festival f ON f.id = s.festival_id
		WHERE ${where}
		ORDER BY s.id${limit === undefined ? sql`` : sql` LIMIT ${limit}`}`);
}

function toDocument(row: SourceRow): RoomDocument {
	return {
		id: row.id,
		festivalId: row.festivalId,
		title: squash(row.title),
		titleEn: squash(row.titleEn),
		names: squash(row.names),
		pinyin:
			`${buildPinyinText(`${row.titlePinyin} ${row.namesPinyin}`)} ${buildWordPinyinText(row.products)}`.trim(),
		products: squash(row.products),
		description: squash(row.description),
		day: getDayKey(new Date(row.startsAt), row.timeZone),
		district: row.district,
		category: row.category,
		kind: row.kind,
		startsAt: row.startsAt,
		endsAt: row.endsAt,
		venues: (JSON.parse(row.venues) as number[]).sort((a, b) => a - b),
	};
}

/**
 * The documents of the given rooms in one statement (the ids travel as one JSON parameter, so any
 * number fits). A room that is not public (not approved, festival unpublished, merchant not
 * approved, or deleted) has no document and is listed in `missingIds`: the engine must drop it.
 */
export function buildDocuments(
	db: Db,
	roomIds: readonly number[],
): { documents: RoomDocument[]; missingIds: number[] } {
	if (roomIds.length === 0) return { documents: [], missingIds: [] };
	const rows = selectSourceRows(
		db,
		sql`s.id IN (SELECT value FROM json_each(${JSON.stringify(roomIds)}))`,
	);
	const found = new Set(rows.map((r) => r.id));
	return {
		documents: rows.map(toDocument),
		missingIds: [...new Set(roomIds)].filter((id) => !found.has(id)),
	};
}

/**
 * Every public room's document, a page at a time in id order (keyset paging, one statement per
 * page), so a full rebuild of 100,000 rooms never holds them all in memory.
 */
export function* listAllDocuments(db: Db, pageSize = 1000): Generator<RoomDocument[]> {
	let afterId = 0;
	for (;;) {
		const rows = selectSourceRows(db, sql`s.id > ${afterId}`, pageSize);
		if (rows.length === 0) return;
		yield rows.map(toDocument);
		afterId = rows[rows.length - 1]!.id;
		if (rows.length < pageSize) return;
	}
}

/** A short fingerprint of a document, to tell which rooms changed while a rebuild was running. */
export function hashDocument(document: RoomDocument): string {
	return createHash('sha1').update(JSON.stringify(document)).digest('base64');
}
