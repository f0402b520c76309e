import { and, asc, eq, type SQL } from 'drizzle-orm';
import { category, district, festival, room } from '../../../../db/schema';
import type { Db } from '../db';

/**
 * A festival's reference lists — the districts of its city and the categories — written by the
 * setup file (festival/setup.ts) and by the admin console (staff/reference-edit.ts) through the
 * same functions. An entry is identified by its code (and a district by its city too), so
 * changing its names or position keeps its id and every room and merchant that points at it.
 * Entries are never deleted here: rooms and merchants refer to them.
 */

export const REFERENCE_KINDS = ['district', 'category'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** A code: lower-case letters, digits and hyphens, as district and category codes appear in URLs. */
export const REFERENCE_CODE = /^[a-z][a-z0-9-]{0,31}$/;

/** Longest names, in graphemes (the festival file and the console check the same). */
export const REFERENCE_NAME_MAX = { zh: 30, en: 60 } as const;

export interface ReferenceEntry {
	id: number;
	code: string;
	nameZh: string;
	nameEn: string;
	sort: number;
}

export interface ReferenceInput {
	code: string;
	nameZh: string;
	nameEn: string;
	sort: number;
	/** Move the entry that has this code to `code`, keeping its id. */
	renamedFrom?: string;
}

export type ReferenceChange = 'created' | 'updated' | 'unchanged';

export interface ReferenceWrite {
	id: number;
	change: ReferenceChange;
	/** Its names changed: rooms that show them must be re-indexed for search. */
	renamed: boolean;
	before?: ReferenceEntry;
	after: ReferenceEntry;
}

const TABLES = { district, category } as const;

/** The list's rows matching `code`, scoped to the city for districts. */
function whereCode(kind: ReferenceKind, city: string, code: string): SQL {
	return kind === 'district'
		? and(eq(district.city, city), eq(district.code, code))!
		: eq(category.code, code);
}

function findEntry(
	db: Db,
	kind: ReferenceKind,
	city: string,
	code: string,
): ReferenceEntry | undefined {
	const t = TABLES[kind];
	return db
		.select({ id: t.id, code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, sort: t.sort })
		.from(t)
		.where(whereCode(kind, city, code))
		.get();
}

/** Every entry of a list in display order (districts of one city). */
export function listReferenceEntries(db: Db, kind: ReferenceKind, city: string): ReferenceEntry[] {
	const t = TABLES[kind];
	return db
		.select({ id: t.id, code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, sort: t.sort })
		.from(t)
		.where(kind === 'district' ? eq(district.city, city) : undefined)
		.orderBy(asc(t.sort), asc(t.id))
		.all();
}

/** One entry by id (a district only in `city`); undefined when there is none. */
export function findReferenceEntry(
	db: Db,
	kind: ReferenceKind,
	city: string,
	id: number,
): ReferenceEntry | undefined {
	return listReferenceEntries(db, kind, city).find((entry) => entry.id === id);
}

/**
 * Creates or updates one entry by its code (after moving `renamedFrom` to it, when that entry
 * exists and the new code is free). The caller owns the transaction and the audit event.
 */
export function writeReferenceEntry(
	db: Db,
	kind: ReferenceKind,
	city: string,
	input: ReferenceInput,
): ReferenceWrite {
	const t = TABLES[kind];
	let before = findEntry(db, kind, city, input.code);
	if (!before && input.renamedFrom) {
		const old = findEntry(db, kind, city, input.renamedFrom);
		if (old) {
			db.update(t).set({ code: input.code }).where(eq(t.id, old.id)).run();
			before = old;
		}
	}
	const values = { code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, sort: input.sort };
	if (!before) {
		const { id } =
			kind === 'district'
				? db
						.insert(district)
						.values({ ...values, city })
						.returning({ id: district.id })
						.get()
				: db.insert(category).values(values).returning({ id: category.id }).get();
		return { id, change: 'created', renamed: false, after: { id, ...values } };
	}
	const after = { id: before.id, ...values };
	const renamed = before.nameZh !== values.nameZh || before.nameEn !== values.nameEn;
	const unchanged = !renamed && before.code === values.code && before.sort === values.sort;
	if (!unchanged) {
		db.update(t)
			.set({ nameZh: values.nameZh, nameEn: values.nameEn, sort: values.sort })
			.where(eq(t.id, before.id))
			.run();
	}
	return { id: before.id, change: unchanged ? 'unchanged' : 'updated', renamed, before, after };
}

/**
 * The public rooms that show an entry's names, read from the public-room partial indexes of each
 * festival the entry can belong to (a district: the festivals of its city).
 */
export function listRoomsShowing(db: Db, kind: ReferenceKind, entryId: number): number[] {
	const festivals = db
		.select({ id: festival.id })
		.from(festival)
		.where(
			kind === 'district'
				? eq(
						festival.city,
						db.select({ city: district.city }).from(district).where(eq(district.id, entryId)),
					)
				: undefined,
		)
		.all();
	const column = kind === 'district' ? room.districtId : room.categoryId;
	return festivals.flatMap((f) =>
		db
			.select({ id: room.id })
			.from(room)
			.where(and(eq(room.festivalId, f.id), eq(room.isPublic, true), eq(column, entryId)))
			.all()
			.map((r) => r.id),
	);
}
