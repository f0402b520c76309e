import { z } from 'zod';
import { isPlausibleEmail, normalizeEmail } from '../email';
import { refinePlainText } from '../text-hygiene';

const REQUIRED = { required_error: 'form.required', invalid_type_error: 'form.required' };

const email = z
	.string(REQUIRED)
	.max(320, 'auth.emailInvalid')
	.transform(normalizeEmail)
	.superRefine(refinePlainText(320))
	.refine(isPlausibleEmail, 'auth.emailInvalid');
/** Not trimmed: spaces are part of a password. Length is checked by the password rules. */
const password = z.string(REQUIRED).max(1000, 'auth.password.tooLong');

export const signupFields = {
	email,
	password,
	confirm: z.string(REQUIRED).max(1000, 'form.tooLong'),
};
export const loginFields = { email, password };
export const changePasswordFields = {
	current: password,
	next: password,
	confirm: z.string(REQUIRED).max(1000, 'form.tooLong'),
};
export const revokeSessionFields = {
	sessionId: z.string(REQUIRED).regex(/^[a-z2-7]{24}$/, 'form.notFound'),
};
