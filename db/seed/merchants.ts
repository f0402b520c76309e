import { CREDIT_CODE_ALPHABET, computeCreditCodeCheckChar } from '../../src/lib/shared/credit-code';
import type { MerchantStatus } from '../../src/lib/shared/status';
import { DAY_MS, HOUR_MS, type FestivalCalendar } from './calendar';
import { CATEGORIES, type CategorySeed } from './content/categories';
import { DISTRICTS, type DistrictSeed } from './content/districts';
import { MERCHANT_NAME_PARTS, type EntityKind, type TradeSuffix } from './content/merchant-names';
import { GIVEN_NAMES, MOBILE_PREFIXES, SURNAMES } from './content/people';
import type { Phrase } from './content/phrase';
import { MERCHANT_REJECTION_NOTES, MERCHANT_SUSPENSION_NOTES } from './content/room-titles';
import type { Random } from './random';

/** A merchant row before ids are known, plus what room generation needs to know about it. */
export interface MerchantPlan {
	legalName: string;
	nameZh: string;
	nameEn: string;
	creditCode: string;
	district: DistrictSeed;
	category: CategorySeed;
	appId: string;
	roomPagePath: string;
	urlLink: string | null;
	contactName: string;
	contactMobile: string;
	status: MerchantStatus;
	reviewNote: string | null;
	createdAt: number;
	updatedAt: number;
	brand: Phrase;
}

/** How many registrations are not (or no longer) approved; the rest are. */
export const STATUS_COUNTS: Readonly<Record<Exclude<MerchantStatus, 'approved'>, number>> = {
	pending: 9,
	rejected: 7,
	suspended: 4,
};

const ROOM_PAGE_PATHS: readonly { path: string; weight: number }[] = [
	{ path: 'pages/live/room', weight: 10 },
	{ path: 'pages/live/index', weight: 4 },
	{ path: 'packageLive/pages/room/index', weight: 3 },
	{ path: 'pages/live-room/live-room', weight: 2 },
	{ path: 'subpackages/live/player', weight: 2 },
];

const ENTITY_PREFIX: Readonly<Record<EntityKind, string>> = {
	company: '91',
	individual: '92',
	cooperative: '93',
};

const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const URL_LINK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789';

/**
 * Registers the demo's merchants: names from each category's word lists (unique per brand and
 * trade), valid credit codes for the district they are registered in, unique AppIDs, and a
 * handful that are pending, rejected or suspended so review screens have something to show.
 */
export function planMerchants(random: Random, calendar: FestivalCalendar): MerchantPlan[] {
	const total = CATEGORIES.reduce((sum, c) => sum + c.merchants, 0);
	const statuses = random.sample(
		[
			...(Object.entries(STATUS_COUNTS) as [MerchantStatus, number][]).flatMap(([status, n]) =>
				Array<MerchantStatus>(n).fill(status),
			),
			...Array<MerchantStatus>(
				total - Object.values(STATUS_COUNTS).reduce((a, b) => a + b, 0),
			).fill('approved'),
		],
		total,
	);
	const usedNames = new Set<string>();
	const usedCodes = new Set<string>();
	const usedAppIds = new Set<string>();
	const plans: MerchantPlan[] = [];

	for (const category of CATEGORIES) {
		const parts = MERCHANT_NAME_PARTS[category.code];
		if (!parts) throw new Error(`No merchant name parts for category ${category.code}`);
		for (let i = 0; i < category.merchants; i += 1) {
			const district = random.pickWeighted(
				DISTRICTS,
				(d) => d.weight * (category.districtBias[d.code] ?? 1),
			);
			// Unique by shop name and by legal name (two trades can share a legal tail).
			let brand = random.pick(parts.brands);
			let trade = random.pick(parts.trades);
			while (usedNames.has(brand.zh + trade.zh) || usedNames.has(brand.zh + trade.legalTail)) {
				brand = random.pick(parts.brands);
				trade = random.pick(parts.trades);
			}
			usedNames.add(brand.zh + trade.zh);
			usedNames.add(brand.zh + trade.legalTail);
			const place = random.chance(0.5) ? random.pick(district.places) : null;
			const status = statuses[plans.length]!;
			const name = { brand, trade, place, district, category };
			plans.push(registerMerchant(random, calendar, name, status, { usedCodes, usedAppIds }));
		}
	}
	return plans;
}

/** What a merchant's name is made of: [place] + brand + trade, in its district and category. */
export interface MerchantName {
	brand: Phrase;
	trade: TradeSuffix;
	place: Phrase | null;
	district: DistrictSeed;
	category: CategorySeed;
	/** The registered name when the caller has already settled it (the grown festival does). */
	legalName?: string;
	/** The shop name, likewise; otherwise [place] + brand + trade. */
	nameZh?: string;
}

/** Credit codes and AppIDs already issued: both are unique across every merchant. */
export interface IssuedIdentifiers {
	usedCodes: Set<string>;
	usedAppIds: Set<string>;
}

/**
 * Completes a named merchant: its registration time, credit code, AppID, mini program page,
 * contact and review note. Shared by the demo and the grown festival, so every merchant at any
 * size is registered the same way (and the demo's draws stay in their documented order).
 */
export function registerMerchant(
	random: Random,
	calendar: FestivalCalendar,
	name: MerchantName,
	status: MerchantStatus,
	issued: IssuedIdentifiers,
): MerchantPlan {
	const { brand, trade, place, district, category } = name;
	const createdAt =
		calendar.submissionOpensAt + random.int(0, 20 * 24 * 60) * 60_000 + random.int(0, 59) * 1000;
	return {
		legalName:
			name.legalName ?? buildLegalName(random, brand.zh, trade.legalTail, trade.entity, district),
		nameZh: name.nameZh ?? (place?.zh ?? '') + brand.zh + trade.zh,
		nameEn: [place?.en, brand.en, trade.en].filter(Boolean).join(' '),
		creditCode: unique(issued.usedCodes, () =>
			buildCreditCode(random, trade.entity, district, category),
		),
		district,
		category,
		appId: unique(issued.usedAppIds, () => `wx${random.string(HEX, 16)}`),
		roomPagePath: random.pickWeighted(ROOM_PAGE_PATHS, (p) => p.weight).path,
		urlLink: random.chance(0.2)
			? `https://wxaurl.cn/${random.string(URL_LINK_ALPHABET, 11)}`
			: null,
		contactName: random.pick(SURNAMES).zh + random.pick(GIVEN_NAMES).zh,
		contactMobile: random.pick(MOBILE_PREFIXES) + random.string(DIGITS, 8),
		status,
		reviewNote:
			status === 'rejected'
				? random.pick(MERCHANT_REJECTION_NOTES)
				: status === 'suspended'
					? random.pick(MERCHANT_SUSPENSION_NOTES)
					: null,
		createdAt,
		updatedAt: status === 'pending' ? createdAt : createdAt + random.int(HOUR_MS, 3 * DAY_MS),
		brand,
	};
}

function unique(used: Set<string>, make: () => string): string {
	let value = make();
	while (used.has(value)) value = make();
	used.add(value);
	return value;
}

/** 广州市荣华酒家有限公司; sole traders and co-ops register under their district. */
export function buildLegalName(
	random: Random,
	brand: string,
	tail: string,
	entity: EntityKind,
	district: DistrictSeed,
): string {
	if (entity !== 'company') return `广州市${district.nameZh}区${brand}${tail}`;
	return `${random.chance(0.8) ? '广州市' : '广州'}${brand}${tail}`;
}

/**
 * A code as the registry issues them: entity type, the district's division code, a 9-character
 * organisation code (old numeric ones for time-honoured firms, `MA…` for newer ones), check char.
 */
function buildCreditCode(
	random: Random,
	entity: EntityKind,
	district: DistrictSeed,
	category: CategorySeed,
): string {
	const oldStyle = entity === 'company' && category.code === 'time-honoured' && random.chance(0.7);
	const organisation = oldStyle
		? random.string(DIGITS, 8) + random.string(`${DIGITS}X`, 1)
		: `MA${random.pick(['59', '5A', '5C', '9U', '9W'])}${random.string(CREDIT_CODE_ALPHABET, 5)}`;
	const body = ENTITY_PREFIX[entity] + district.adminCode + organisation;
	return body + computeCreditCodeCheckChar(body);
}
