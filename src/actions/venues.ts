import { ActionError, defineAction } from 'astro:actions';
import { env } from '../lib/server/env';
import { listReferenceData } from '../lib/server/festival/current';
import { findCurrentFestival } from '../lib/server/merchant/current-festival';
import { readFormPicture } from '../lib/server/media/form-picture';
import { saveVenueOffThread } from '../lib/server/room/import-thread';
import { canCurateVenue, canCurateVenues, canManageVenues } from '../lib/server/staff/policy';
import { toFormIssues, toVenueSpec, venueFormFields } from '../lib/server/venue/venue-form';
import { findVenueById } from '../lib/server/venue/venues';
import type { FormIssue } from '../lib/shared/forms/parse-form';
import { requireStaff } from './staff';
import { describeClient, inputError, parseOrThrow } from './support';

/** The festival's venues in the console (`/staff/venues`). */
export const venues = {
	/**
	 * Creates a venue (the bureau: `venues` capability) or saves one (its curators too: district
	 * staff for the venues their district is given, which may change picks, featured and excluded
	 * rooms, names, introduction and banner, never the kind, address, rule or curating district).
	 * Another district's venue answers 404 like one that does not exist. The save, its audit event
	 * and the venue's rooms (triggers) are one transaction, on the import thread.
	 */
	save: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canCurateVenues);
			const festival = findCurrentFestival(ctx.db);
			if (!festival) throw new ActionError({ code: 'CONFLICT', message: 'merchant.noFestival' });
			const input = parseOrThrow(form, venueFormFields);
			const existing =
				input.venueId === undefined ? undefined : findVenueById(ctx.db, festival.id, input.venueId);
			const allowed = existing ? canCurateVenue(ctx.user, existing) : canManageVenues(ctx.user);
			if ((input.venueId !== undefined && !existing) || !allowed) {
				throw new ActionError({ code: 'NOT_FOUND', message: 'form.notFound' });
			}
			const issues: FormIssue[] = [];
			const banner = await readFormPicture(
				form,
				{
					field: 'banner',
					removeField: 'removeBanner',
					kind: 'banner',
					dir: env.uploadDir,
					problemMessage: () => 'venue.form.bannerInvalid',
				},
				issues,
			);
			const bannerKey = banner === undefined ? (existing?.bannerKey ?? null) : banner;
			if (issues.length > 0) throw inputError(issues);
			const ref = listReferenceData(ctx.db, festival);
			const spec = toVenueSpec(
				input,
				{
					districtCode: (id) => ref.districts.find((d) => d.id === id)?.code,
					categoryCode: (id) => ref.categories.find((c) => c.id === id)?.code,
				},
				existing,
				{ locked: !canManageVenues(ctx.user), bannerKey },
			);
			const result = await saveVenueOffThread(ctx.db, {
				festival,
				venueId: existing?.id,
				spec,
				ctx: {
					actor: { userId: ctx.user.id, name: ctx.user.email },
					now: ctx.now,
					clientAddress: describeClient(context).address,
				},
			});
			if (!result.ok) throw inputError(toFormIssues(result.issues));
			const saved = result.venues[0]!;
			return { venueId: saved.id, created: saved.created };
		},
	}),
};
