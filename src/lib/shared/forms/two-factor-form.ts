import { z } from 'zod';

const REQUIRED = { required_error: 'form.required', invalid_type_error: 'form.required' };

/** A TOTP code (six digits) or a recovery code (XXXX-XXXX-XXXX-XXXX); spaces are ignored. */
const code = z
	.string(REQUIRED)
	.transform((s) => s.replace(/\s+/g, ''))
	.pipe(
		z
			.string()
			.min(1, 'form.required')
			.regex(/^(\d{6}|[A-Za-z2-7-]{16,19})$/, 'twoFactor.codeShape'),
	);

/** The code step of a bureau sign-in. */
export const signInCodeFields = { code };

/**
 * Enrolment: the key the page generated (posted back, base32), the first code it gives, and the
 * password again when it was typed over 15 minutes ago.
 */
export const enrolFields = {
	key: z.string(REQUIRED).regex(/^[A-Z2-7 ]{32,40}$/, 'twoFactor.keyInvalid'),
	code,
	reentryPassword: z.string({ invalid_type_error: 'form.required' }).max(1000).optional(),
};
