import { z } from 'zod';
import { isValidAppId, isValidMiniProgramPath, isValidUrlLink } from '../app-id';
import { isValidCreditCode } from '../credit-code';
import { isValidMainlandMobile, normalizeMobile } from '../mobile';
import { optionalText, requiredId, requiredText } from './parse-form';

const REQUIRED = { required_error: 'form.required', invalid_type_error: 'form.required' };
const CODE_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/** Trimmed, full-width turned ASCII, spaces and dashes dropped, upper case. */
function normalizeCode(raw: string): string {
	return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** The registration form, field by field (see parse-form.ts). */
export const businessFields = {
	legalName: requiredText(100),
	nameZh: requiredText(40),
	nameEn: optionalText(80),
	creditCode: z
		.string(REQUIRED)
		.transform(normalizeCode)
		.superRefine((code, ctx) => {
			if (!CODE_SHAPE.test(code)) {
				ctx.addIssue({ code: 'custom', message: 'business.creditCodeShape' });
			} else if (!isValidCreditCode(code)) {
				ctx.addIssue({ code: 'custom', message: 'business.creditCodeCheck' });
			}
		}),
	districtId: requiredId(),
	categoryId: requiredId(),
	contactName: requiredText(30),
	contactMobile: z
		.string(REQUIRED)
		.transform(normalizeMobile)
		.refine(isValidMainlandMobile, 'business.mobileInvalid'),
	appId: z
		.string(REQUIRED)
		.transform((s) => s.normalize('NFKC').trim().toLowerCase())
		.refine(isValidAppId, 'business.appIdInvalid'),
	roomPagePath: z
		.string(REQUIRED)
		.transform((s) => s.trim())
		.superRefine((path, ctx) => {
			if (isValidMiniProgramPath(path)) return;
			const message = path.startsWith('/')
				? 'business.pagePathSlash'
				: path.includes('?')
					? 'business.pagePathQuery'
					: 'business.pagePathInvalid';
			ctx.addIssue({ code: 'custom', message });
		}),
	urlLink: optionalText(200).refine(
		(v) => v === undefined || isValidUrlLink(v),
		'business.urlLinkInvalid',
	),
};
