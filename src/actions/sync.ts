import { ActionError, defineAction } from 'astro:actions';
import { SecretsKeyMissingError } from '../lib/server/crypto/secret-box';
import { getDb } from '../lib/server/db';
import { env } from '../lib/server/env';
import { canEditBusiness } from '../lib/server/merchant/policy';
import { findOwnBusiness } from '../lib/server/merchant/registration';
import { getSecretBox } from '../lib/server/crypto/keyring';
import { parseSourceForm } from '../lib/server/sync/source-form';
import { disableRoomSource, saveRoomSource } from '../lib/server/sync/source-settings';
import { inputError, requireUser } from './support';

/** The merchant's room source (`/merchant/sync`): set a feed URL or credentials, or stop syncing. */
export const sync = {
	save: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const user = requireUser(context);
			const db = getDb();
			const business = findOwnBusiness(db, user.id);
			if (!business || !canEditBusiness(user, business)) {
				throw new ActionError({ code: 'FORBIDDEN', message: 'form.forbidden' });
			}
			const parsed = parseSourceForm(form, { allowHttp: env.sync.allowHttp });
			if (!parsed.ok) throw inputError(parsed.issues);
			try {
				saveRoomSource(db, business.id, parsed.input, getSecretBox(), context.locals.now);
			} catch (error) {
				if (!(error instanceof SecretsKeyMissingError)) throw error;
				throw new ActionError({ code: 'CONFLICT', message: 'sync.error.noKey' });
			}
			return { kind: parsed.input.kind };
		},
	}),
	disable: defineAction({
		accept: 'form',
		handler: async (_form, context) => {
			const user = requireUser(context);
			const db = getDb();
			const business = findOwnBusiness(db, user.id);
			if (!business || !canEditBusiness(user, business)) {
				throw new ActionError({ code: 'FORBIDDEN', message: 'form.forbidden' });
			}
			disableRoomSource(db, business.id, context.locals.now);
			return { disabled: true };
		},
	}),
};
