import { z } from 'zod';
import { optionalText, requiredText, type FormIssue } from '../../shared/forms/parse-form';
import { VENUE_KINDS } from '../../shared/venue-kinds';
import type { VenueIssue } from './apply-venues';
import type { VenueSpecInput } from './venue-spec';
import type { VenueRow } from './venues';

/**
 * The console's venue form (`/staff/venues/…`) as the plain data `saveVenue` takes
 * (venue-spec.ts): room numbers typed as lists, rule dimensions as checkboxes, districts and
 * categories by code. Each field is checked on its own so every bad one is reported next to
 * itself, and the page shows the form again with what was typed.
 */

const idList = z
	.string({ invalid_type_error: 'venue.form.roomIds' })
	.trim()
	.regex(/^[\d\s,，、]*$/, 'venue.form.roomIds')
	.transform((v) =>
		v
			.split(/[\s,，、]+/)
			.filter(Boolean)
			.map(Number),
	)
	.refine((ids) => ids.every((id) => Number.isSafeInteger(id) && id > 0), 'venue.form.roomIds')
	.optional()
	.transform((v) => v ?? []);

const codes = z.array(z.string().max(64, 'form.invalid')).max(50, 'venue.form.tooMany');

export const venueFormFields = {
	venueId: z
		.string()
		.regex(/^[1-9]\d{0,15}$/, 'form.notFound')
		.transform(Number)
		.optional(),
	slug: z.string({ invalid_type_error: 'form.required' }).trim().min(1, 'form.required').optional(),
	kind: z.enum(VENUE_KINDS, { errorMap: () => ({ message: 'form.invalid' }) }).optional(),
	nameZh: requiredText(40),
	nameEn: requiredText(80),
	introZh: optionalText(300, { multiline: true }),
	introEn: optionalText(600, { multiline: true }),
	sort: z
		.string()
		.regex(/^\d{1,6}$/, 'form.invalid')
		.transform(Number)
		.optional(),
	curatorDistrict: z.string().max(64, 'form.invalid').optional(),
	ruleDistricts: codes,
	ruleCategories: codes,
	ruleTags: optionalText(300),
	picks: idList,
	excludes: idList,
	featured: idList,
	removeBanner: z.literal('on').optional(),
};

export type VenueFormValues = {
	[K in keyof typeof venueFormFields]: z.output<(typeof venueFormFields)[K]>;
};

/** Tags as typed: separated by commas or spaces, each once. */
function splitTags(text: string | undefined): string[] {
	return [...new Set((text ?? '').split(/[\s,，、]+/).filter(Boolean))];
}

/**
 * The venue the form describes. Fields only the bureau may change (`venues` capability: kind,
 * address, rule, order, curating district) come from the stored venue when `locked` — a district
 * curator's form shows them but cannot change them, whatever it posts.
 */
export function toVenueSpec(
	form: VenueFormValues,
	ref: {
		districtCode: (id: number) => string | undefined;
		categoryCode: (id: number) => string | undefined;
	},
	existing: VenueRow | undefined,
	options: { locked: boolean; bannerKey: string | null },
): VenueSpecInput {
	const kept = options.locked && existing;
	return {
		slug: kept ? existing.slug : (form.slug ?? ''),
		kind: kept ? existing.kind : (form.kind ?? 'themed'),
		name: { zh: form.nameZh, en: form.nameEn },
		intro: { zh: form.introZh ?? '', en: form.introEn ?? '' },
		sort: kept ? existing.sort : (form.sort ?? 0),
		curatorDistrict: kept
			? existing.curatorDistrictId === null
				? null
				: (ref.districtCode(existing.curatorDistrictId) ?? null)
			: form.curatorDistrict || null,
		rule: kept
			? {
					districts: existing.ruleDistricts.flatMap((id) => ref.districtCode(id) ?? []),
					categories: existing.ruleCategories.flatMap((id) => ref.categoryCode(id) ?? []),
					tags: existing.ruleTags,
				}
			: {
					districts: form.ruleDistricts,
					categories: form.ruleCategories,
					tags: splitTags(form.ruleTags),
				},
		picks: form.picks,
		excludes: form.excludes,
		featured: form.featured,
		bannerKey: options.bannerKey,
	};
}

/** Where on the form each part of the stored spec is typed. */
const FIELD_OF: Record<string, string> = {
	'name.zh': 'nameZh',
	'name.en': 'nameEn',
	'intro.zh': 'introZh',
	'intro.en': 'introEn',
	'rule.districts': 'ruleDistricts',
	'rule.categories': 'ruleCategories',
	'rule.tags': 'ruleTags',
	id: 'venueId',
};

/** `saveVenue`'s issues as field errors of the form. */
export function toFormIssues(issues: readonly VenueIssue[]): FormIssue[] {
	return issues.map((i) => {
		const base = i.field.replace(/\.\d+$/, '');
		return {
			field: FIELD_OF[i.field] ?? FIELD_OF[base] ?? base.split('.')[0]!,
			message: i.message,
		};
	});
}
