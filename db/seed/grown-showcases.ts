import { DAY_MS, HOUR_MS, MINUTE_MS, type FestivalCalendar } from './calendar';
import { CATEGORIES, type CategorySeed } from './content/categories';
import { DISTRICTS, type DistrictSeed } from './content/districts';
import { GIVEN_NAMES, SURNAMES } from './content/people';
import { PRODUCTS } from './content/products';
import { OFFICIAL_TITLES, type OfficialRole } from './content/showcase';
import {
	CATEGORY_BUREAU,
	VENUE_HOSTS,
	VENUE_MINUTES,
	VENUE_STARTS,
	VENUE_TEMPLATES,
	type VenueKind,
} from './content/venues';
import { priceProduct } from './pricing';
import type { Random } from './random';
import type { HostPlan, RoomPlan, WxRoomCounters } from './room-plan';
import { toShanghaiInstant } from './shanghai-time';

/** Officials by job title (which names the district): one person per office, festival-wide. */
export interface OfficialRegistry {
	byTitle: Map<string, { name: string; nameEn: string }>;
	usedNames: Set<string>;
}

/** Approved merchants that can carry a showcase, by district and by district + category. */
export interface CarrierPool {
	byDistrict: Map<string, number[]>;
	byTrade: Map<string, number[]>;
}

/** A planned showcase room and the merchant (id) whose mini program carries it, if any. */
export interface GrownShowcase {
	plan: RoomPlan;
	carrierId: number | null;
}

const TWO_CHARACTER_NAMES = GIVEN_NAMES.filter((g) => g.zh.length === 2);

/** Adds an approved merchant to the pool of possible carriers. */
export function addCarrier(
	pool: CarrierPool,
	id: number,
	district: string,
	category: string,
): void {
	const push = (map: Map<string, number[]>, key: string): void => {
		const list = map.get(key);
		if (list) list.push(id);
		else map.set(key, [id]);
	};
	push(pool.byDistrict, district);
	push(pool.byTrade, `${district}:${category}`);
}

/**
 * Government sessions at the district and themed venues: a district's leaders or its commerce
 * bureau host (the same person for an office in every session, including the demo's), a city
 * bureau joins sessions of its field, and most are carried by a local merchant of the trade.
 */
export function planGrownShowcases(
	random: Random,
	calendar: FestivalCalendar,
	count: number,
	carriers: CarrierPool,
	officials: OfficialRegistry,
	counters: WxRoomCounters,
): GrownShowcase[] {
	const officialFor = (role: OfficialRole, district: DistrictSeed): HostPlan => {
		const template = OFFICIAL_TITLES[role];
		const title = template.zh.replace('{d}', district.nameZh);
		let person = officials.byTitle.get(title);
		while (!person) {
			const surname = random.pick(SURNAMES);
			const given = random.pick(TWO_CHARACTER_NAMES);
			if (officials.usedNames.has(surname.zh + given.zh)) continue;
			person = { name: surname.zh + given.zh, nameEn: `${surname.en} ${given.en}` };
			officials.usedNames.add(person.name);
			officials.byTitle.set(title, person);
		}
		return {
			...person,
			title,
			titleEn: template.en.replace('{D}', district.nameEn),
			districtCode: role.startsWith('city-') ? null : district.code,
		};
	};

	return Array.from({ length: count }, (_, n) => {
		const kind: VenueKind = random.chance(0.25) ? 'district' : 'themed';
		const district = random.pickWeighted(DISTRICTS, (d) => d.weight);
		const category = random.pickWeighted(
			CATEGORIES,
			(c) => c.merchants * (c.districtBias[district.code] ?? 1),
		);
		const roles = [...random.pick(VENUE_HOSTS[kind])];
		const bureau = CATEGORY_BUREAU[category.code];
		if (kind === 'themed' && bureau && roles.length < 3 && random.chance(0.5)) roles.push(bureau);
		const hosts = roles.map((role) => officialFor(role, district));
		const drawnCarrier = random.chance(0.85)
			? pickCarrier(random, carriers, district, category)
			: null;
		// Most sessions the draw left uncarried got a local carrier later (no draw: the rest of the
		// festival stays as drawn); one in ten stays the bureau's own, which citizens cannot watch.
		const laterCarrier =
			drawnCarrier === null && n % 10 !== 0 ? findLocalCarrier(carriers, district, category) : null;
		const carrierId = drawnCarrier ?? laterCarrier;
		const wxRoomId =
			drawnCarrier !== null
				? counters.next(random, drawnCarrier)
				: laterCarrier !== null
					? counters.later(laterCarrier)
					: null;
		const products = random
			.sample(PRODUCTS[category.code] ?? [], random.int(2, 4))
			.map((p) => priceProduct(random, p));
		const [hh, mm] = random.pick(VENUE_STARTS).split(':').map(Number) as [number, number];
		const startAt = toShanghaiInstant(calendar.days[random.int(0, 2)]!, hh * 60 + mm).getTime();
		const endAt = startAt + random.pick(VENUE_MINUTES) * MINUTE_MS;
		const hasReplay = endAt <= calendar.middleNoon;
		const createdAt = calendar.submissionOpensAt + random.int(24, 240) * HOUR_MS;
		const template = random.pick(VENUE_TEMPLATES[kind]);
		const plan: RoomPlan = {
			merchantIndex: null,
			kind: 'showcase',
			title: fillVenue(template.title, district, category),
			description: fillVenue(template.description, district, category),
			anchorName: hosts[0]!.name,
			districtCode: district.code,
			categoryCode: category.code,
			startAt,
			endAt,
			wxRoomId,
			replayUrl: hasReplay ? `https://media.livefest.example/replay/venue/${n + 1}.mp4` : null,
			replayExpiresAt: hasReplay ? endAt + 30 * DAY_MS : null,
			reviewStatus: 'approved',
			reviewNote: null,
			tags: ['政府推介', category.tags[0]!],
			createdAt,
			updatedAt: createdAt + random.int(1, 48) * HOUR_MS,
			products,
			hosts,
		};
		return { plan, carrierId };
	});
}

function fillVenue(
	phrase: { zh: string; en: string },
	district: DistrictSeed,
	category: CategorySeed,
): { zh: string; en: string } {
	return {
		zh: phrase.zh.replaceAll('{d}', district.nameZh).replaceAll('{c}', category.nameZh),
		en: phrase.en
			.replaceAll('{D}', district.nameEn)
			.replaceAll('{C}', category.nameEn)
			.replaceAll('{c}', category.nameEn.toLowerCase()),
	};
}

/** Local merchants of the session's trade, else any local ones. */
function listLocalCarriers(
	carriers: CarrierPool,
	district: DistrictSeed,
	category: CategorySeed,
): readonly number[] {
	return (
		carriers.byTrade.get(`${district.code}:${category.code}`) ??
		carriers.byDistrict.get(district.code) ??
		[]
	);
}

/** The first local carrier, with no draw. */
function findLocalCarrier(
	carriers: CarrierPool,
	district: DistrictSeed,
	category: CategorySeed,
): number | null {
	return listLocalCarriers(carriers, district, category)[0] ?? null;
}

/** A local merchant of the session's trade, else any local one, else none (the bureau's own). */
function pickCarrier(
	random: Random,
	carriers: CarrierPool,
	district: DistrictSeed,
	category: CategorySeed,
): number | null {
	const pool = listLocalCarriers(carriers, district, category);
	return pool.length > 0 ? random.pick(pool) : null;
}
