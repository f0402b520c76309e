import type { Phrase } from './phrase';
import type { OfficialRole } from './showcase';

/**
 * The real festival broadcast from 1 main venue, 11 district venues and 159 themed venues. The
 * demo's 24 hand-written showcase sessions stand for the main venue's programme; a grown festival
 * adds sessions at district and themed venues from these patterns. `{d}`/`{D}` become the
 * district, `{c}`/`{C}` the category (its Chinese name, its English name in lower case).
 */
export interface VenueTemplate {
	title: Phrase;
	description: Phrase;
}

export type VenueKind = 'district' | 'themed';

export const VENUE_TEMPLATES: Readonly<Record<VenueKind, readonly VenueTemplate[]>> = {
	district: [
		{
			title: { zh: '{d}分会场：{c}好物推介', en: '{D} venue: the best of {c}' },
			description: {
				zh: '{d}区分会场直播，区领导推介本区{c}好物。',
				en: 'Live from the {D} district venue: district officials present local {c}.',
			},
		},
		{
			title: { zh: '{d}分会场直播：{c}专场', en: '{D} venue live: {c} special' },
			description: {
				zh: '走进{d}区分会场，{c}商户联合让利。',
				en: 'Inside the {D} district venue, where {c} merchants offer joint discounts.',
			},
		},
		{
			title: { zh: '区长带你逛{d}分会场', en: 'The {D} venue with the district head' },
			description: {
				zh: '{d}区分会场{c}商户集中亮相，领导带你逛。',
				en: "{D}'s {c} merchants in one place, toured by the district's officials.",
			},
		},
	],
	themed: [
		{
			title: { zh: '{d}{c}主题馆直播', en: '{D} {c} pavilion, live' },
			description: {
				zh: '{c}主题会场{d}站，源头好货现场推介。',
				en: 'The {c} themed venue in {D}: goods from the source, presented live.',
			},
		},
		{
			title: { zh: '{c}主题会场·{d}站', en: '{C} themed venue: {D}' },
			description: {
				zh: '本场汇集{d}区{c}商户，限时直播价。',
				en: "{D}'s {c} merchants together, at live-only prices.",
			},
		},
		{
			title: { zh: '{d}{c}特色会场推介', en: '{D} {c} showcase venue' },
			description: {
				zh: '{d}特色会场：{c}商户联合推介，看直播领消费券。',
				en: "{D}'s showcase venue for {c}: watch live for shopping vouchers.",
			},
		},
	],
};

/** Who hosts a venue's session: district venues the district's leaders, themed ones its bureau. */
export const VENUE_HOSTS: Readonly<Record<VenueKind, readonly (readonly OfficialRole[])[]>> = {
	district: [
		['district-head'],
		['district-head', 'district-commerce'],
		['district-deputy'],
		['district-deputy', 'district-commerce'],
	],
	themed: [
		['district-commerce'],
		['district-deputy'],
		['district-commerce', 'city-commerce-deputy'],
	],
};

/** A city bureau joins a themed session of its own field. */
export const CATEGORY_BUREAU: Readonly<Record<string, OfficialRole>> = {
	'rural-produce': 'city-agriculture-deputy',
	'fresh-produce': 'city-agriculture-deputy',
	travel: 'city-culture-deputy',
	'time-honoured': 'city-culture-deputy',
};

/** Showcase starts (festival time) and lengths, as the bureau programmes them. */
export const VENUE_STARTS: readonly string[] = [
	'10:00',
	'10:30',
	'11:00',
	'14:00',
	'14:30',
	'15:00',
	'16:00',
	'19:00',
	'19:30',
	'20:00',
	'20:30',
];
export const VENUE_MINUTES: readonly number[] = [60, 90, 90, 120, 120, 150];
