import type { Db } from '../../src/lib/server/db';
import { findCurrentFestival } from '../../src/lib/server/merchant/current-festival';
import { applyVenueSpecs } from '../../src/lib/server/venue/apply-venues';
import type { VenueSpecInput } from '../../src/lib/server/venue/venue-spec';
import { DISTRICTS } from './content/districts';
import { DISTRICT_VENUE_INTRO, MAIN_VENUE, THEMED_VENUES } from './content/festival-venues';

/** Featured rooms the demo gives each district venue. */
const FEATURED_PER_VENUE = 6;

const fill = (text: string, d: { nameZh: string; nameEn: string }): string =>
	text.replaceAll('{d}', d.nameZh).replaceAll('{D}', d.nameEn);

/**
 * The demo festival's venues (db/seed/content/festival-venues.ts), written through the same
 * function a festival set-up file and the console use (`applyVenueSpecs`). The main venue's
 * programme is the demo's own showcase sessions (the first `mainShowcases` by id); each district
 * venue features its district's showcase sessions first, then its earliest watchable rooms of the
 * middle day. Call it after every room is loaded: each venue then reads its rule's candidates once
 * (triggers), instead of every room insert testing every venue. Deterministic.
 */
export function seedVenues(db: Db, mainShowcases: number): number {
	const f = findCurrentFestival(db);
	if (!f) throw new Error('seedVenues: seed the festival first');
	const sqlite = db.$client;
	const showcases = sqlite
		.prepare(`SELECT id FROM room WHERE festival_id = ? AND kind = 'showcase' ORDER BY id LIMIT ?`)
		.pluck()
		.all(f.id, mainShowcases) as number[];
	const featuredOf = sqlite
		.prepare(
			`SELECT r.id FROM room r JOIN district d ON d.id = r.district_id
			WHERE r.festival_id = ? AND r.is_public = 1 AND d.code = ? AND r.watchable = 1
				AND r.start_at >= (SELECT min(start_at) FROM room WHERE festival_id = ? AND is_public = 1) + 86400000
			ORDER BY r.kind = 'showcase' DESC, r.start_at, r.id LIMIT ?`,
		)
		.pluck();
	const specs: VenueSpecInput[] = [
		{
			slug: MAIN_VENUE.slug,
			kind: 'main',
			name: { ...MAIN_VENUE.name },
			intro: { ...MAIN_VENUE.intro },
			picks: showcases,
		},
		...DISTRICTS.map((d, i): VenueSpecInput => ({
			slug: d.code,
			kind: 'district',
			name: { zh: `${d.nameZh}分会场`, en: `${d.nameEn} district venue` },
			intro: { zh: fill(DISTRICT_VENUE_INTRO.zh, d), en: fill(DISTRICT_VENUE_INTRO.en, d) },
			sort: i,
			curatorDistrict: d.code,
			rule: { districts: [d.code] },
			featured: featuredOf.all(f.id, d.code, f.id, FEATURED_PER_VENUE) as number[],
		})),
		...THEMED_VENUES.map((v, i): VenueSpecInput => ({
			slug: v.slug,
			kind: 'themed',
			name: { ...v.name },
			intro: { ...v.intro },
			sort: i,
			curatorDistrict: v.curator ?? null,
			rule: { districts: v.districts ?? [], categories: v.categories ?? [], tags: v.tags ?? [] },
		})),
	];
	const written = applyVenueSpecs(db, f, specs, {
		actor: { userId: null, name: 'db:seed' },
		now: new Date(f.createdAt),
		clientAddress: null,
		audit: false,
	});
	if (!written.ok) {
		throw new Error(`seedVenues: ${JSON.stringify(written.issues.slice(0, 5))}`);
	}
	return written.venues.length;
}
