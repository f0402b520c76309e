import { ActionError, defineAction } from 'astro:actions';
import { getDb } from '../lib/server/db';
import { findCurrentFestival } from '../lib/server/merchant/current-festival';
import { saveBusiness } from '../lib/server/merchant/registration';
import { businessFields } from '../lib/shared/forms/business-form';
import { parseOrThrow, refuse, requireUser } from './support';

/** The business registration (`/merchant/register`): register, or edit and resubmit. */
export const business = {
	save: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const user = requireUser(context);
			const input = parseOrThrow(form, businessFields);
			const db = getDb();
			const festival = findCurrentFestival(db);
			if (!festival) throw new ActionError({ code: 'CONFLICT', message: 'merchant.noFestival' });
			const result = saveBusiness(db, user, input, { festival, now: context.locals.now });
			if (!result.ok) refuse(result);
			return { merchantId: result.merchantId, status: result.status };
		},
	}),
};
