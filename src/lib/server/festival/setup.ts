import { and, eq, ne } from 'drizzle-orm';
import { festival, festivalResults, room } from '../../../../db/schema';
import { parseZonedDateTime } from '../../shared/room-window';
import { recordAuditEvent, type AuditActor } from '../audit/record';
import type { Db } from '../db';
import { getDefaultReportClose } from '../results/results-state';
import { rebuildSearchIndex } from '../search/rebuild';
import { reindexRoomsPaced } from '../search/room-reindex';
import { withSearchTriggersOff } from '../search/sql-functions';
import {
	listReferenceEntries,
	listRoomsShowing,
	writeReferenceEntry,
	type ReferenceChange,
	type ReferenceKind,
} from './reference-lists';
import type { FestivalFile, FileProblem } from './setup-file';

export interface ListReport {
	created: string[];
	updated: string[];
	unchanged: number;
	/** Codes in the database that the file does not name: kept (rooms may refer to them). */
	kept: string[];
}

export interface SetupReport {
	festivalId: number;
	festival: ReferenceChange;
	districts: ListReport;
	categories: ListReport;
	/** Rooms re-indexed for search because a district's or category's names changed. */
	reindexedRooms: number;
	/** The search index was rebuilt because the festival was published or withdrawn. */
	rebuiltSearch: boolean;
}

export type SetupOutcome =
	{ ok: true; report: SetupReport } | { ok: false; problems: FileProblem[] };

type FestivalRow = typeof festival.$inferSelect;

/** The festival row the file describes (published and current only when the file says). */
function festivalValues(file: FestivalFile, existing: FestivalRow | undefined) {
	return {
		slug: file.slug,
		nameZh: file.name.zh,
		nameEn: file.name.en,
		city: file.city,
		timezone: file.timezone,
		startDate: file.dates.start,
		endDate: file.dates.end,
		submissionOpensAt: parseZonedDateTime(file.submission.opens, file.timezone)!,
		submissionClosesAt: parseZonedDateTime(file.submission.closes, file.timezone)!,
		published: file.published ?? existing?.published ?? false,
		isCurrent: file.current ?? true,
	};
}

/** The settings an audit event records, comparable between before and after. */
function describeFestival(f: Omit<FestivalRow, 'id' | 'createdAt'>): Record<string, unknown> {
	return {
		slug: f.slug,
		nameZh: f.nameZh,
		nameEn: f.nameEn,
		city: f.city,
		timezone: f.timezone,
		startDate: f.startDate,
		endDate: f.endDate,
		submissionOpensAt: f.submissionOpensAt?.toISOString() ?? null,
		submissionClosesAt: f.submissionClosesAt?.toISOString() ?? null,
		published: f.published,
		isCurrent: f.isCurrent,
	};
}

/** A renamedFrom whose target code is taken as well: which entry is meant cannot be told. */
function findRenameClashes(db: Db, file: FestivalFile): FileProblem[] {
	const problems: FileProblem[] = [];
	for (const [list, kind] of [
		['districts', 'district'],
		['categories', 'category'],
	] as const) {
		const codes = new Set(listReferenceEntries(db, kind, file.city).map((e) => e.code));
		file[list].forEach((entry, i) => {
			if (entry.renamedFrom && codes.has(entry.renamedFrom) && codes.has(entry.code)) {
				problems.push({ path: `${list}[${i}].renamedFrom`, message: 'setup.renameClash' });
			}
		});
	}
	return problems;
}

/** Writes one list in file order; returns what changed and the ids whose names changed. */
function writeList(db: Db, kind: ReferenceKind, file: FestivalFile, renamed: number[]): ListReport {
	const entries = file[kind === 'district' ? 'districts' : 'categories'];
	const report: ListReport = { created: [], updated: [], unchanged: 0, kept: [] };
	entries.forEach((entry, i) => {
		const write = writeReferenceEntry(db, kind, file.city, {
			code: entry.code,
			nameZh: entry.name.zh,
			nameEn: entry.name.en,
			sort: i + 1,
			renamedFrom: entry.renamedFrom,
		});
		if (write.change === 'created') report.created.push(entry.code);
		else if (write.change === 'updated') report.updated.push(entry.code);
		else report.unchanged += 1;
		if (write.renamed) renamed.push(write.id);
	});
	const named = new Set(entries.map((e) => e.code));
	report.kept = listReferenceEntries(db, kind, file.city)
		.map((e) => e.code)
		.filter((code) => !named.has(code));
	return report;
}

/** Until when merchants may report: the file's time, else a week after the festival's last day. */
function reportClosesAt(file: FestivalFile): Date {
	if (file.results) return parseZonedDateTime(file.results.reportUntil, file.timezone)!;
	return getDefaultReportClose({ endDate: file.dates.end, timezone: file.timezone });
}

/**
 * Creates or updates the festival a setup file describes, with its districts and categories, in
 * one IMMEDIATE transaction: all or nothing, and running it again with the same file changes
 * nothing (entries are matched by code, the festival by slug, so ids stay). One `festival.setup`
 * audit event records what changed. The search triggers are off meanwhile, so the write lock is
 * held for milliseconds even at 270,000 rooms; afterwards the rooms showing renamed districts or
 * categories are re-indexed in paced transactions, and a festival published or withdrawn gets a
 * full paced rebuild (search/rebuild.ts), as after a bulk load.
 */
export async function applyFestivalFile(
	db: Db,
	file: FestivalFile,
	options: { actor: AuditActor; now: Date },
): Promise<SetupOutcome> {
	const sqlite = db.$client;
	const renamed: { district: number[]; category: number[] } = { district: [], category: [] };
	const written = withSearchTriggersOff(sqlite, () =>
		sqlite
			.transaction((): SetupOutcome & { publishedChanged?: boolean } => {
				const problems = findRenameClashes(db, file);
				if (problems.length > 0) return { ok: false, problems };
				const existing = db.select().from(festival).where(eq(festival.slug, file.slug)).get();
				const values = festivalValues(file, existing);
				if (values.isCurrent) {
					const others = and(eq(festival.isCurrent, true), ne(festival.slug, file.slug));
					db.update(festival).set({ isCurrent: false }).where(others).run();
				}
				const before = existing ? describeFestival(existing) : undefined;
				const after = describeFestival(values);
				let festivalId = existing?.id;
				if (!existing) {
					festivalId = db
						.insert(festival)
						.values({ ...values, createdAt: options.now })
						.returning({ id: festival.id })
						.get().id;
				} else if (JSON.stringify(before) !== JSON.stringify(after)) {
					db.update(festival).set(values).where(eq(festival.id, existing.id)).run();
				}
				const festivalChange: ReferenceChange = !existing
					? 'created'
					: JSON.stringify(before) === JSON.stringify(after)
						? 'unchanged'
						: 'updated';
				const districts = writeList(db, 'district', file, renamed.district);
				const categories = writeList(db, 'category', file, renamed.category);
				const results = db
					.select()
					.from(festivalResults)
					.where(eq(festivalResults.festivalId, festivalId!))
					.get();
				const closes = reportClosesAt(file);
				if (!results) {
					db.insert(festivalResults)
						.values({ festivalId: festivalId!, reportClosesAt: closes, updatedAt: options.now })
						.run();
				} else if (file.results && results.reportClosesAt?.getTime() !== closes.getTime()) {
					db.update(festivalResults)
						.set({ reportClosesAt: closes, updatedAt: options.now })
						.where(eq(festivalResults.festivalId, festivalId!))
						.run();
				}
				const changed =
					festivalChange !== 'unchanged' ||
					[districts, categories].some((l) => l.created.length + l.updated.length > 0);
				if (changed) {
					recordAuditEvent(db, {
						actor: options.actor,
						action: 'festival.setup',
						entityType: 'festival',
						entityId: festivalId!,
						before: before ?? null,
						after: { ...after, districts, categories },
						at: options.now,
					});
				}
				return {
					ok: true,
					publishedChanged: (existing?.published ?? false) !== values.published,
					report: {
						festivalId: festivalId!,
						festival: festivalChange,
						districts,
						categories,
						reindexedRooms: 0,
						rebuiltSearch: false,
					},
				};
			})
			.immediate(),
	);
	if (!written.ok) return written;
	const { report } = written;
	const hasRooms =
		db
			.select({ id: room.id })
			.from(room)
			.where(eq(room.festivalId, report.festivalId))
			.limit(1)
			.all().length > 0;
	if (written.publishedChanged && hasRooms) {
		await rebuildSearchIndex(db);
		report.rebuiltSearch = true;
	} else {
		const ids = new Set([
			...renamed.district.flatMap((id) => listRoomsShowing(db, 'district', id)),
			...renamed.category.flatMap((id) => listRoomsShowing(db, 'category', id)),
		]);
		report.reindexedRooms = await reindexRoomsPaced(db, [...ids]);
	}
	return { ok: true, report };
}
