import { and, eq, inArray } from 'drizzle-orm';
import { category, district, room, venue, venuePick } from '../../../../db/schema';
import type { VenuePickMode } from '../../shared/venue-kinds';
import { recordAuditEvent, type AuditActor } from '../audit/record';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { venueSpecSchema, type VenueSpec, type VenueSpecInput } from './venue-spec';
import type { VenueRow } from './venues';

/** A problem with one venue's data: which venue (slug or position), which field, which message id. */
export interface VenueIssue {
	venue: string;
	field: string;
	message: string;
}

export type VenueWrite =
	| { ok: true; venues: { id: number; slug: string; created: boolean; changed: boolean }[] }
	| { ok: false; issues: VenueIssue[] };

export interface VenueWriteContext {
	actor: AuditActor;
	now: Date;
	/** The client address for the audit entries, when written away from the request (a thread). */
	clientAddress?: string | null;
	/** Record audit events (default); the demo seed, which is no one's decision, does not. */
	audit?: boolean;
}

interface References {
	districts: Map<string, number>;
	categories: Map<string, number>;
}

function loadReferences(db: Db, f: Festival): References {
	const d = db
		.select({ id: district.id, code: district.code })
		.from(district)
		.where(eq(district.city, f.city))
		.all();
	const c = db.select({ id: category.id, code: category.code }).from(category).all();
	return {
		districts: new Map(d.map((r) => [r.code, r.id])),
		categories: new Map(c.map((r) => [r.code, r.id])),
	};
}

/** The stored form of a venue, as audit entries show it before and after. */
function describe(v: VenueRow, picks: { roomId: number; mode: VenuePickMode }[]) {
	return {
		slug: v.slug,
		kind: v.kind,
		name: { zh: v.nameZh, en: v.nameEn },
		intro: { zh: v.introZh, en: v.introEn },
		sort: v.sort,
		curatorDistrictId: v.curatorDistrictId,
		rule: { districtIds: v.ruleDistricts, categoryIds: v.ruleCategories, tags: v.ruleTags },
		picks: picks.filter((p) => p.mode === 'include').map((p) => p.roomId),
		excludes: picks.filter((p) => p.mode === 'exclude').map((p) => p.roomId),
		featured: v.featured,
		bannerKey: v.bannerKey,
	};
}

/** Resolves codes to ids and checks rooms belong to the festival; issues name the field. */
function resolve(
	db: Db,
	f: Festival,
	refs: References,
	spec: VenueSpec,
	label: string,
):
	| { ok: true; row: Omit<typeof venue.$inferInsert, 'createdAt' | 'updatedAt'> }
	| { ok: false; issues: VenueIssue[] } {
	const issues: VenueIssue[] = [];
	const ids = (codes: string[], map: Map<string, number>, field: string): number[] =>
		codes.flatMap((c) => {
			const id = map.get(c);
			if (id === undefined) issues.push({ venue: label, field, message: 'venue.form.unknownCode' });
			return id === undefined ? [] : [id];
		});
	const ruleDistricts = [...new Set(ids(spec.rule.districts, refs.districts, 'rule.districts'))];
	const ruleCategories = [
		...new Set(ids(spec.rule.categories, refs.categories, 'rule.categories')),
	];
	const curator =
		spec.curatorDistrict === null
			? null
			: (ids([spec.curatorDistrict], refs.districts, 'curatorDistrict')[0] ?? null);
	const wanted = [...new Set([...spec.picks, ...spec.excludes, ...spec.featured])];
	if (wanted.length > 0) {
		const found = new Set(
			db
				.select({ id: room.id })
				.from(room)
				.where(and(eq(room.festivalId, f.id), inArray(room.id, wanted)))
				.all()
				.map((r) => r.id),
		);
		for (const field of ['picks', 'excludes', 'featured'] as const) {
			if (spec[field].some((id) => !found.has(id))) {
				issues.push({ venue: label, field, message: 'venue.form.unknownRoom' });
			}
		}
	}
	if (issues.length > 0) return { ok: false, issues };
	return {
		ok: true,
		row: {
			festivalId: f.id,
			slug: spec.slug,
			kind: spec.kind,
			nameZh: spec.name.zh,
			nameEn: spec.name.en,
			introZh: spec.intro.zh,
			introEn: spec.intro.en,
			bannerKey: spec.bannerKey,
			sort: spec.sort,
			curatorDistrictId: curator,
			ruleDistricts,
			ruleCategories,
			ruleTags: [...new Set(spec.rule.tags)],
			featured: [...new Set(spec.featured)],
		},
	};
}

/** A venue's hand-picked and excluded rooms (the console's form shows them). */
export function readPicks(db: Db, venueId: number): { roomId: number; mode: VenuePickMode }[] {
	return db
		.select({ roomId: venuePick.roomId, mode: venuePick.mode })
		.from(venuePick)
		.where(eq(venuePick.venueId, venueId))
		.all();
}

/** Makes the venue's picks exactly `wanted`: only the differences are written (each a trigger). */
function syncPicks(db: Db, venueId: number, wanted: Map<number, VenuePickMode>, now: Date): void {
	const current = new Map(readPicks(db, venueId).map((p) => [p.roomId, p.mode]));
	for (const [roomId, mode] of current) {
		if (wanted.get(roomId) === mode) continue;
		db.delete(venuePick)
			.where(and(eq(venuePick.venueId, venueId), eq(venuePick.roomId, roomId)))
			.run();
	}
	for (const [roomId, mode] of wanted) {
		if (current.get(roomId) === mode) continue;
		db.insert(venuePick).values({ venueId, roomId, mode, createdAt: now }).run();
	}
}

/**
 * Writes one venue (found by slug in the festival, or `existing`) in the caller's transaction and
 * records an audit event when anything changed. Room membership follows by the triggers of
 * db/migrations/0051 in the same transaction.
 */
function writeOne(
	db: Db,
	f: Festival,
	refs: References,
	spec: VenueSpec,
	ctx: VenueWriteContext,
	existing: VenueRow | undefined,
):
	| { ok: true; id: number; created: boolean; changed: boolean }
	| { ok: false; issues: VenueIssue[] } {
	const resolved = resolve(db, f, refs, spec, spec.slug);
	if (!resolved.ok) return resolved;
	const wanted = new Map<number, VenuePickMode>([
		...spec.picks.map((id) => [id, 'include'] as const),
		...spec.excludes.map((id) => [id, 'exclude'] as const),
	]);
	let row: VenueRow;
	let before: ReturnType<typeof describe> | null = null;
	if (existing) {
		before = describe(existing, readPicks(db, existing.id));
		row = db
			.update(venue)
			.set({ ...resolved.row, updatedAt: ctx.now })
			.where(eq(venue.id, existing.id))
			.returning()
			.get();
	} else {
		row = db
			.insert(venue)
			.values({ ...resolved.row, createdAt: ctx.now, updatedAt: ctx.now })
			.returning()
			.get();
	}
	syncPicks(db, row.id, wanted, ctx.now);
	const after = describe(row, readPicks(db, row.id));
	const changed = JSON.stringify(before) !== JSON.stringify(after);
	if (changed && ctx.audit !== false) {
		recordAuditEvent(db, {
			actor: ctx.actor,
			action: existing ? 'venue.update' : 'venue.create',
			entityType: 'venue',
			entityId: row.id,
			before,
			after,
			at: ctx.now,
			clientAddress: ctx.clientAddress,
		});
	}
	return { ok: true, id: row.id, created: !existing, changed };
}

function parseSpecs(
	specs: readonly unknown[],
): { ok: true; specs: VenueSpec[] } | { ok: false; issues: VenueIssue[] } {
	const issues: VenueIssue[] = [];
	const parsed: VenueSpec[] = [];
	specs.forEach((raw, i) => {
		const result = venueSpecSchema.safeParse(raw);
		const label =
			typeof raw === 'object' &&
			raw !== null &&
			typeof (raw as { slug?: unknown }).slug === 'string'
				? (raw as { slug: string }).slug
				: `#${i + 1}`;
		if (result.success) parsed.push(result.data);
		else
			for (const issue of result.error.issues) {
				issues.push({ venue: label, field: issue.path.join('.'), message: issue.message });
			}
	});
	const slugs = parsed.map((s) => s.slug);
	slugs.forEach((slug, i) => {
		if (slugs.indexOf(slug) !== i)
			issues.push({ venue: slug, field: 'slug', message: 'venue.form.slugTaken' });
	});
	if (parsed.filter((s) => s.kind === 'main').length > 1) {
		issues.push({ venue: 'main', field: 'kind', message: 'venue.form.oneMain' });
	}
	return issues.length > 0 ? { ok: false, issues } : { ok: true, specs: parsed };
}

/**
 * Creates or updates the festival's venues from plain data (a festival set-up file, the demo
 * seed), matched by slug, all in one transaction: either every venue is written or none, and the
 * answer lists every problem found (unknown district or category codes, rooms of another
 * festival, a second main venue). Venues not named are left as they are. Each change is one audit
 * event; the rooms of each venue follow by triggers. A venue whose rule changes re-reads its rule's
 * candidates (a district's public rooms: tens of thousands at the real festival's size), so call it
 * off the server's event loop there (room/import-thread.ts `applyVenueSpecsOffThread`).
 */
export function applyVenueSpecs(
	db: Db,
	f: Festival,
	specs: readonly (VenueSpecInput | unknown)[],
	ctx: VenueWriteContext,
): VenueWrite {
	const parsed = parseSpecs(specs);
	if (!parsed.ok) return parsed;
	return inRollback(db, () => {
		const refs = loadReferences(db, f);
		const results: { id: number; slug: string; created: boolean; changed: boolean }[] = [];
		const issues: VenueIssue[] = [];
		for (const spec of parsed.specs) {
			const existing = db
				.select()
				.from(venue)
				.where(and(eq(venue.festivalId, f.id), eq(venue.slug, spec.slug)))
				.get();
			const written = writeChecked(db, f, refs, spec, ctx, existing);
			if (written.ok) results.push({ ...written, slug: spec.slug });
			else issues.push(...written.issues);
		}
		return issues.length > 0 ? { ok: false, issues } : { ok: true, venues: results };
	});
}

/**
 * The console's save: one venue, by id when it exists (its slug may change), checked against
 * another venue holding the slug or the main venue's place. Same transaction rules as above.
 */
export function saveVenue(
	db: Db,
	f: Festival,
	venueId: number | undefined,
	raw: VenueSpecInput | unknown,
	ctx: VenueWriteContext,
): VenueWrite {
	const parsed = parseSpecs([raw]);
	if (!parsed.ok) return parsed;
	const spec = parsed.specs[0]!;
	return inRollback(db, () => {
		const existing =
			venueId === undefined
				? undefined
				: db
						.select()
						.from(venue)
						.where(and(eq(venue.festivalId, f.id), eq(venue.id, venueId)))
						.get();
		if (venueId !== undefined && !existing) {
			return { ok: false, issues: [{ venue: spec.slug, field: 'id', message: 'form.notFound' }] };
		}
		const holder = db
			.select({ id: venue.id })
			.from(venue)
			.where(and(eq(venue.festivalId, f.id), eq(venue.slug, spec.slug)))
			.get();
		if (holder && holder.id !== existing?.id) {
			return {
				ok: false,
				issues: [{ venue: spec.slug, field: 'slug', message: 'venue.form.slugTaken' }],
			};
		}
		const written = writeChecked(db, f, loadReferences(db, f), spec, ctx, existing);
		return written.ok
			? { ok: true, venues: [{ ...written, slug: spec.slug }] }
			: { ok: false, issues: written.issues };
	});
}

/** `writeOne`, refusing a second main venue. */
function writeChecked(
	db: Db,
	f: Festival,
	refs: References,
	spec: VenueSpec,
	ctx: VenueWriteContext,
	existing: VenueRow | undefined,
): ReturnType<typeof writeOne> {
	if (spec.kind === 'main') {
		const main = db
			.select({ id: venue.id })
			.from(venue)
			.where(and(eq(venue.festivalId, f.id), eq(venue.kind, 'main')))
			.get();
		if (main && main.id !== existing?.id) {
			return {
				ok: false,
				issues: [{ venue: spec.slug, field: 'kind', message: 'venue.form.oneMain' }],
			};
		}
	}
	return writeOne(db, f, refs, spec, ctx, existing);
}

class VenueRollback extends Error {
	constructor(readonly issues: VenueIssue[]) {
		super('venue write refused');
	}
}

/** Runs `work` in one transaction, rolled back whole when it answers with issues. */
function inRollback(db: Db, work: () => VenueWrite): VenueWrite {
	try {
		return db.$client.transaction(() => {
			const result = work();
			if (!result.ok) throw new VenueRollback(result.issues);
			return result;
		})();
	} catch (error) {
		if (error instanceof VenueRollback) return { ok: false, issues: error.issues };
		throw error;
	}
}
