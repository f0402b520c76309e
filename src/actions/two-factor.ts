import { ActionError, defineAction } from 'astro:actions';
import { enrolTotp } from '../lib/server/auth/second-factor';
import { verifySignInCode } from '../lib/server/auth/sign-in-code';
import { parseTotpKey } from '../lib/server/auth/totp';
import { getDb } from '../lib/server/db';
import { isStaff } from '../lib/server/staff/policy';
import { confirmAdminPresence } from '../lib/server/staff/reentry';
import { getSecretBox } from '../lib/server/crypto/keyring';
import { SecretsKeyMissingError } from '../lib/server/crypto/secret-box';
import { enrolFields, signInCodeFields } from '../lib/shared/forms/two-factor-form';
import { describeClient, inputError, parseOrThrow, refuse, requireUser } from './support';

/** Runs `work`, answering a server without SECRETS_KEY (no key to seal or open with) with 409. */
function withSecretsKey<T>(work: () => T): T {
	try {
		return work();
	} catch (error) {
		if (!(error instanceof SecretsKeyMissingError)) throw error;
		throw new ActionError({ code: 'CONFLICT', message: 'twoFactor.noSecretsKey' });
	}
}

/** Bureau accounts' second factor: the sign-in code step and enrolling an authenticator. */
export const twoFactor = {
	/** The second step of a sign-in, for a session that gave its password (locals.pendingSignIn). */
	verify: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const pending = context.locals.pendingSignIn;
			if (!pending) throw new ActionError({ code: 'UNAUTHORIZED', message: 'form.signedOut' });
			const { code } = parseOrThrow(form, signInCodeFields);
			const result = withSecretsKey(() =>
				verifySignInCode(getDb(), getSecretBox(), pending, code, describeClient(context)),
			);
			if (!result.ok) refuse(result, context);
			return { verified: true, kind: result.kind };
		},
	}),

	/**
	 * Enrols the authenticator whose key the page showed, once the app gives a right code. Open to
	 * every bureau account — an admin without one may do nothing else — and to no one else. The
	 * password must have been typed in the last 15 minutes (or again here), so a stolen session
	 * cannot bind the account to the thief's phone and lock its owner out.
	 */
	enrol: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const user = requireUser(context);
			if (!isStaff(user)) throw new ActionError({ code: 'NOT_FOUND', message: 'form.notFound' });
			const input = parseOrThrow(form, enrolFields);
			const key = parseTotpKey(input.key);
			if (!key) throw inputError([{ field: 'code', message: 'twoFactor.keyInvalid' }]);
			const presence = await confirmAdminPresence(
				getDb(),
				user,
				context.locals.session!,
				input.reentryPassword,
				describeClient(context),
			);
			if (!presence.ok) refuse(presence, context);
			const result = withSecretsKey(() =>
				enrolTotp(
					getDb(),
					getSecretBox(),
					user,
					{ key, code: input.code, sessionId: context.locals.session!.id },
					context.locals.now,
				),
			);
			if (!result.ok) refuse(result, context);
			return { recoveryCodes: result.recoveryCodes };
		},
	}),
};
