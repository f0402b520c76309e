import { z } from 'zod';
import { optionalText, requiredText } from '../../shared/forms/parse-form';
import { IMAGE_KEY_PATTERN } from '../../shared/image';
import {
	VENUE_FEATURED_MAX,
	VENUE_KINDS,
	VENUE_PICKS_MAX,
	VENUE_RULE_TAGS_MAX,
	VENUE_SLUG_PATTERN,
} from '../../shared/venue-kinds';

/**
 * A venue as plain data — what the console's form, the demo seed and a festival set-up file give:
 * districts and categories by code, rooms by id. `applyVenueSpecs` (apply-venues.ts) writes it.
 * Messages are message ids (the venue catalogue), shown next to the field.
 */
const code = z.string().trim().min(1).max(64);
const roomId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const venueSpecSchema = z
	.object({
		slug: z.string().trim().regex(VENUE_SLUG_PATTERN, 'venue.form.slug'),
		kind: z.enum(VENUE_KINDS, { errorMap: () => ({ message: 'form.invalid' }) }),
		name: z.object({ zh: requiredText(40), en: requiredText(80) }),
		intro: z
			.object({
				zh: optionalText(300, { multiline: true }).default(''),
				en: optionalText(600, { multiline: true }).default(''),
			})
			.default({ zh: '', en: '' }),
		sort: z.number().int().min(0).max(100_000).default(0),
		/** The district whose staff curate the venue (a district venue's own). */
		curatorDistrict: code.nullable().default(null),
		rule: z
			.object({
				districts: z.array(code).max(50).default([]),
				categories: z.array(code).max(50).default([]),
				tags: z.array(requiredText(20)).max(VENUE_RULE_TAGS_MAX, 'venue.form.tooMany').default([]),
			})
			.default({}),
		picks: z.array(roomId).max(VENUE_PICKS_MAX, 'venue.form.tooMany').default([]),
		excludes: z.array(roomId).max(VENUE_PICKS_MAX, 'venue.form.tooMany').default([]),
		featured: z.array(roomId).max(VENUE_FEATURED_MAX, 'venue.form.tooMany').default([]),
		bannerKey: z.string().regex(IMAGE_KEY_PATTERN).nullable().default(null),
	})
	.superRefine((v, ctx) => {
		if (v.kind === 'district' && !v.curatorDistrict) {
			ctx.addIssue({
				code: 'custom',
				path: ['curatorDistrict'],
				message: 'venue.form.districtNeeded',
			});
		}
		const picked = new Set(v.picks);
		if (v.excludes.some((id) => picked.has(id))) {
			ctx.addIssue({ code: 'custom', path: ['excludes'], message: 'venue.form.pickedAndExcluded' });
		}
	});

export type VenueSpec = z.output<typeof venueSpecSchema>;
export type VenueSpecInput = z.input<typeof venueSpecSchema>;
