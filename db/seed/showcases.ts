import { DAY_MS, HOUR_MS, MINUTE_MS, type FestivalCalendar } from './calendar';
import { CATEGORIES } from './content/categories';
import { DISTRICTS, type DistrictSeed } from './content/districts';
import { GIVEN_NAMES, SURNAMES } from './content/people';
import { PRODUCTS } from './content/products';
import { OFFICIAL_TITLES, SHOWCASES, type OfficialRole } from './content/showcase';
import type { MerchantPlan } from './merchants';
import { priceProduct } from './pricing';
import type { Random } from './random';
import type { HostPlan, RoomPlan, WxRoomCounters } from './room-plan';
import { toShanghaiInstant } from './shanghai-time';

const TWO_CHARACTER_NAMES = GIVEN_NAMES.filter((g) => g.zh.length === 2);

/**
 * The bureau's government showcase sessions. Each official is one fictional person for the whole
 * festival (the head of Liwan is the same person in every Liwan session), so host pages and search
 * group sensibly. A carried session runs in a local merchant's mini program and takes one of its
 * WeChat room ids.
 */
export function planShowcaseRooms(
	random: Random,
	calendar: FestivalCalendar,
	merchants: readonly MerchantPlan[],
	counters: WxRoomCounters,
): RoomPlan[] {
	const officials = new Map<string, { zh: string; en: string }>();
	const usedNames = new Set<string>();
	const officialFor = (role: OfficialRole, district: DistrictSeed): HostPlan => {
		const cityRole = role.startsWith('city-');
		const key = cityRole ? role : `${role}:${district.code}`;
		let person = officials.get(key);
		while (!person) {
			const surname = random.pick(SURNAMES);
			const given = random.pick(TWO_CHARACTER_NAMES);
			const candidate = { zh: surname.zh + given.zh, en: `${surname.en} ${given.en}` };
			if (usedNames.has(candidate.zh)) continue;
			usedNames.add(candidate.zh);
			officials.set(key, candidate);
			person = candidate;
		}
		const title = OFFICIAL_TITLES[role];
		return {
			name: person.zh,
			nameEn: person.en,
			title: title.zh.replace('{d}', district.nameZh),
			titleEn: title.en.replace('{D}', district.nameEn),
			districtCode: cityRole ? null : district.code,
		};
	};

	return SHOWCASES.map((session, n) => {
		const district = DISTRICTS.find((d) => d.code === session.district);
		const category = CATEGORIES.find((c) => c.code === session.category);
		if (!district || !category) throw new Error(`Unknown district or category in showcase ${n}`);
		const hosts = session.hosts.map((role) => officialFor(role, district));
		const carrier = session.carried
			? pickCarrier(random, merchants, session.district, session.category)
			: session.carriedLater
				? findLocalCarrier(merchants, session.district, session.category)
				: null;
		const wxRoomId =
			carrier === null
				? null
				: session.carried
					? counters.next(random, carrier)
					: counters.later(carrier);
		const products = random
			.sample(PRODUCTS[category.code] ?? [], random.int(2, 4))
			.map((p) => priceProduct(random, p));
		const [hh, mm] = session.start.split(':').map(Number) as [number, number];
		const startAt = toShanghaiInstant(calendar.days[session.day]!, hh * 60 + mm).getTime();
		const endAt = startAt + session.minutes * MINUTE_MS;
		const hasReplay = endAt <= calendar.middleNoon;
		const createdAt = calendar.submissionOpensAt + random.int(24, 240) * HOUR_MS;
		return {
			merchantIndex: carrier,
			kind: 'showcase',
			title: { zh: session.titleZh, en: session.titleEn },
			description: { zh: session.descriptionZh, en: session.descriptionEn },
			anchorName: hosts[0]!.name,
			districtCode: district.code,
			categoryCode: category.code,
			startAt,
			endAt,
			wxRoomId,
			replayUrl: hasReplay ? `https://media.livefest.example/replay/showcase/${n + 1}.mp4` : null,
			replayExpiresAt: hasReplay ? endAt + 30 * DAY_MS : null,
			reviewStatus: 'approved',
			reviewNote: null,
			tags: ['政府推介', category.tags[0]!],
			createdAt,
			updatedAt: createdAt + random.int(1, 48) * HOUR_MS,
			products,
			hosts,
		};
	});
}

/** The approved local merchants of the session's trade, else of its district. */
function listLocalCarriers(
	merchants: readonly MerchantPlan[],
	district: string,
	category: string,
): number[] {
	const local = merchants.flatMap((m, i) =>
		m.status === 'approved' && m.district.code === district ? [i] : [],
	);
	const sameTrade = local.filter((i) => merchants[i]!.category.code === category);
	return sameTrade.length > 0 ? sameTrade : local;
}

/**
 * For a session whose carrier the bureau named after its plan was drawn: the first local carrier,
 * with no draw, so the demo's other rows stay as they were.
 */
function findLocalCarrier(
	merchants: readonly MerchantPlan[],
	district: string,
	category: string,
): number | null {
	return listLocalCarriers(merchants, district, category)[0] ?? null;
}

/** An approved local merchant of the session's trade, else any approved one in the district. */
function pickCarrier(
	random: Random,
	merchants: readonly MerchantPlan[],
	district: string,
	category: string,
): number | null {
	const pool = listLocalCarriers(merchants, district, category);
	return pool.length > 0 ? random.pick(pool) : null;
}
