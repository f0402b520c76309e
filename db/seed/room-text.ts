import type { CategorySeed } from './content/categories';
import { COMMON_TAGS } from './content/categories';
import type { DistrictSeed } from './content/districts';
import type { Phrase } from './content/phrase';
import { ROOM_BLURBS, ROOM_TITLES, type TitleTemplate } from './content/room-titles';
import type { ProductPlan } from './pricing';
import type { Random } from './random';

/** WeChat's limit on a room name: 17 Han characters, a Han character counting as two bytes. */
export const TITLE_MAX_BYTES = 34;
/** …and at least 3 Han characters. */
export const TITLE_MIN_BYTES = 6;

/** Measures a title as the live plugin does: ASCII one byte, anything wider two. */
export function measureTitleBytes(title: string): number {
	let bytes = 0;
	for (const ch of title) bytes += ch.codePointAt(0)! < 0x80 ? 1 : 2;
	return bytes;
}

function fill(template: string, brand: Phrase, district: DistrictSeed, en: boolean): string {
	return template
		.replaceAll(en ? '{B}' : '{b}', en ? brand.en : brand.zh)
		.replaceAll(en ? '{D}' : '{d}', en ? district.nameEn : district.nameZh);
}

/**
 * A title from the category's patterns that suits the merchant's district and fits WeChat's
 * length rule, so every seeded room could have been created in the plugin as it stands.
 */
export function buildRoomTitle(
	random: Random,
	category: CategorySeed,
	brand: Phrase,
	district: DistrictSeed,
): Phrase {
	const templates = (ROOM_TITLES[category.code] ?? []).filter(
		(t: TitleTemplate) => !t.districts || t.districts.includes(district.code),
	);
	for (const template of random.sample(templates, templates.length)) {
		const zh = fill(template.zh, brand, district, false);
		const bytes = measureTitleBytes(zh);
		if (bytes >= TITLE_MIN_BYTES && bytes <= TITLE_MAX_BYTES) {
			return { zh, en: fill(template.en, brand, district, true) };
		}
	}
	return { zh: `${category.nameZh}直播专场`, en: `${category.nameEn} live special` };
}

/** The category's one-liner followed by the session's products, so a visitor knows what is on. */
export function buildRoomDescription(
	category: CategorySeed,
	products: readonly ProductPlan[],
): Phrase {
	const blurb = ROOM_BLURBS[category.code] ?? { zh: '', en: '' };
	return {
		zh: `${blurb.zh}本场好物：${products.map((p) => p.name).join('、')}。`,
		en: `${blurb.en} In this session: ${products.map((p) => p.nameEn).join(', ')}.`,
	};
}

/** Up to three tags, as merchants add them; some rooms have none. */
export function buildRoomTags(random: Random, category: CategorySeed): string[] {
	if (random.chance(0.3)) return [];
	return random.sample([...category.tags, ...COMMON_TAGS], random.int(1, 3));
}
