import type { MerchantStatus } from '../../src/lib/shared/status';
import type { FestivalCalendar } from './calendar';
import { BRAND_CHARACTERS, pairBrandCharacters } from './content/brand-words';
import { CATEGORIES } from './content/categories';
import { DISTRICTS } from './content/districts';
import { MERCHANT_NAME_PARTS } from './content/merchant-names';
import type { Phrase } from './content/phrase';
import { DEMO_MERCHANTS } from './festival-size';
import {
	buildLegalName,
	registerMerchant,
	STATUS_COUNTS,
	type IssuedIdentifiers,
	type MerchantPlan,
} from './merchants';
import type { Random } from './random';

/** Names and identifiers already taken, by the demo or by earlier merchants of the growth. */
export interface MerchantRegistry extends IssuedIdentifiers {
	usedLegalNames: Set<string>;
	usedShopNames: Set<string>;
}

/** Fresh draws of brand and trade before a merchant becomes a branch of a taken name. */
const NAME_ATTEMPTS = 8;
/** Share of new brands taken from the category's own list rather than paired characters. */
const LISTED_BRAND_SHARE = 0.15;

/**
 * The statuses of `count` new registrations in the demo's proportions (9 pending, 7 rejected and 4
 * suspended in 320), shuffled, so a grown festival's review queues grow with it.
 */
export function drawMerchantStatuses(random: Random, count: number): MerchantStatus[] {
	const statuses: MerchantStatus[] = [];
	for (const [status, n] of Object.entries(STATUS_COUNTS) as [MerchantStatus, number][]) {
		const share = Math.floor((count * n) / DEMO_MERCHANTS);
		for (let i = 0; i < share; i += 1) statuses.push(status);
	}
	while (statuses.length < count) statuses.push('approved');
	return random.sample(statuses, count);
}

/**
 * One more merchant: a category in the demo's proportions, a district as that trade favours, a
 * shop and legal name unique among all merchants (paired brand characters once the category's
 * list runs out, a district branch when even those collide), then registered as the demo's are.
 */
export function planGrownMerchant(
	random: Random,
	calendar: FestivalCalendar,
	registry: MerchantRegistry,
	status: MerchantStatus,
): MerchantPlan {
	const category = random.pickWeighted(CATEGORIES, (c) => c.merchants);
	const district = random.pickWeighted(
		DISTRICTS,
		(d) => d.weight * (category.districtBias[d.code] ?? 1),
	);
	const parts = MERCHANT_NAME_PARTS[category.code];
	if (!parts) throw new Error(`No merchant name parts for category ${category.code}`);
	let brand: Phrase = parts.brands[0]!;
	let trade = parts.trades[0]!;
	let place: Phrase | null = null;
	let legalName = '';
	let nameZh = '';
	let fresh = false;
	for (let attempt = 0; attempt < NAME_ATTEMPTS && !fresh; attempt += 1) {
		brand = drawBrand(random, parts.brands);
		trade = random.pick(parts.trades);
		place = random.chance(0.5) ? random.pick(district.places) : null;
		legalName = buildLegalName(random, brand.zh, trade.legalTail, trade.entity, district);
		nameZh = (place?.zh ?? '') + brand.zh + trade.zh;
		fresh = !registry.usedLegalNames.has(legalName) && !registry.usedShopNames.has(nameZh);
	}
	if (!fresh) {
		const shop = brand.zh + trade.zh;
		const branch = trade.entity === 'company' ? '分公司' : '分店';
		for (let n = 1; !fresh; n += 1) {
			const ordinal = n === 1 ? '' : `第${n}`;
			legalName = `${legalName.split('（')[0]}（${district.nameZh}${ordinal}${branch}）`;
			nameZh = `${shop}${district.nameZh}${n === 1 ? '' : n}店`;
			fresh = !registry.usedLegalNames.has(legalName) && !registry.usedShopNames.has(nameZh);
		}
	}
	registry.usedLegalNames.add(legalName);
	registry.usedShopNames.add(nameZh);
	return registerMerchant(
		random,
		calendar,
		{ brand, trade, place, district, category, legalName, nameZh },
		status,
		registry,
	);
}

function drawBrand(random: Random, listed: readonly Phrase[]): Phrase {
	if (random.chance(LISTED_BRAND_SHARE)) return random.pick(listed);
	const first = random.int(0, BRAND_CHARACTERS.length - 1);
	const other = random.int(0, BRAND_CHARACTERS.length - 2);
	const second = other >= first ? other + 1 : other;
	return pairBrandCharacters(BRAND_CHARACTERS[first]!, BRAND_CHARACTERS[second]!);
}
