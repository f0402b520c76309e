import { z } from 'zod';
import { loginFields } from '../../shared/forms/auth-form';
import {
	optionalText,
	requiredId,
	requiredText,
	type FormIssue,
} from '../../shared/forms/parse-form';
import { MERCHANT_STATUSES, REVIEW_STATUSES } from '../../shared/status';
import { checkPlainText } from '../../shared/text-hygiene';
import { isDayKey } from '../../shared/time';
import { isTimeZone } from '../festival/festival-rules';
import { REFERENCE_CODE, REFERENCE_KINDS, REFERENCE_NAME_MAX } from '../festival/reference-lists';

/**
 * The console's forms, field by field (see shared/forms/parse-form.ts). Messages are message ids
 * from the staff and merchant catalogues, translated where the form is rendered.
 */

const REQUIRED = { required_error: 'form.required', invalid_type_error: 'form.required' };
const instant = z
	.string(REQUIRED)
	.regex(/^\d{1,15}$/, 'staff.review.stale')
	.transform((ms) => new Date(Number(ms)));
const dayKey = z.string(REQUIRED).refine(isDayKey, 'staff.form.day');
const localTime = z
	.string(REQUIRED)
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?$/, 'rooms.timeInvalid');

/** One item of a bulk selection: `<id>:<updated_at ms>` as the queue showed it. */
const bulkItem = z
	.string({ invalid_type_error: 'form.invalid' })
	.regex(/^[1-9]\d{0,15}:\d{1,15}$/, 'form.invalid')
	.transform((v) => {
		const [id, at] = v.split(':') as [string, string];
		return { id: Number(id), updatedAt: new Date(Number(at)) };
	});

export const MAX_BULK = 50;

export const roomDecisionFields = {
	roomId: requiredId('form.notFound'),
	decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: 'form.invalid' }) }),
	reason: optionalText(500, { multiline: true }),
	seenStatus: z.enum(REVIEW_STATUSES, { errorMap: () => ({ message: 'staff.review.stale' }) }),
	seenAt: instant,
};

export const merchantDecisionFields = {
	merchantId: requiredId('form.notFound'),
	decision: z.enum(['approve', 'reject', 'suspend'], {
		errorMap: () => ({ message: 'form.invalid' }),
	}),
	reason: optionalText(500, { multiline: true }),
	seenStatus: z.enum(MERCHANT_STATUSES, { errorMap: () => ({ message: 'staff.review.stale' }) }),
	seenAt: instant,
};

export const bulkFields = {
	queue: z.enum(['rooms', 'merchants'], { errorMap: () => ({ message: 'form.invalid' }) }),
	items: z
		.array(bulkItem)
		.min(1, 'staff.review.noneSelected')
		.max(MAX_BULK, 'staff.review.tooMany'),
};

export const featureFields = { roomId: requiredId('form.notFound') };
export const moveFields = {
	roomId: requiredId('form.notFound'),
	direction: z.enum(['up', 'down'], { errorMap: () => ({ message: 'form.invalid' }) }),
};
export const reorderFields = {
	day: dayKey,
	order: z
		.array(
			z
				.string()
				.regex(/^[1-9]\d{0,15}$/, 'form.invalid')
				.transform(Number),
		)
		.max(100, 'form.invalid'),
};

/**
 * What only a showcase has; its room fields are in shared/forms/room-fields.ts. The carrier is
 * typed, not picked from a list of 40,000 merchants: empty (or `none`) for none, a merchant's
 * number (`1234`, `#1234`), a suggestion as the form offers them (`名称 #1234`), or an exact name
 * (staff/carriers.ts resolves names).
 */
export const showcaseOwnFields = {
	districtId: requiredId('form.choose'),
	categoryId: requiredId('form.choose'),
	merchantId: z
		.string({ invalid_type_error: 'form.choose' })
		.max(200, 'form.tooLong')
		.transform(parseCarrierText),
};
export const cancelShowcaseFields = { roomId: requiredId('form.notFound'), seenAt: instant };

export const MAX_HOSTS = 6;

export interface HostInput {
	name: string;
	nameEn: string | null;
	title: string;
	titleEn: string | null;
	districtId: number | null;
}

/**
 * The host rows of a showcase form. An entirely empty row is ignored (the form offers spare
 * rows); any other row needs the official's name and title. At least one host is required.
 * Issues name the row: `hostName.1`.
 */
export function parseHostRows(rows: {
	names: string[];
	namesEn: string[];
	titles: string[];
	titlesEn: string[];
	districts: string[];
}): { hosts: HostInput[]; issues: FormIssue[] } {
	const hosts: HostInput[] = [];
	const issues: FormIssue[] = [];
	const text = (list: string[], i: number) => (list[i] ?? '').trim();
	rows.names.slice(0, MAX_HOSTS).forEach((_, i) => {
		const name = text(rows.names, i);
		const title = text(rows.titles, i);
		const nameEn = text(rows.namesEn, i);
		const titleEn = text(rows.titlesEn, i);
		const district = text(rows.districts, i);
		if (!name && !title && !nameEn && !titleEn) return;
		const check = (field: string, value: string, max: number, required: boolean) => {
			const message = value ? checkPlainText(value, max) : required ? 'form.required' : null;
			if (message) issues.push({ field: `${field}.${i}`, message });
		};
		check('hostName', name, 30, true);
		check('hostTitle', title, 60, true);
		check('hostNameEn', nameEn, 60, false);
		check('hostTitleEn', titleEn, 120, false);
		if (district !== '' && district !== 'none' && !/^[1-9]\d{0,15}$/.test(district)) {
			issues.push({ field: `hostDistrict.${i}`, message: 'form.choose' });
		}
		hosts.push({
			name,
			nameEn: nameEn || null,
			title,
			titleEn: titleEn || null,
			districtId: district === '' || district === 'none' ? null : Number(district),
		});
	});
	if (hosts.length === 0)
		issues.push({ field: 'hostName.0', message: 'staff.showcase.hostRequired' });
	return { hosts, issues };
}

export const festivalFields = {
	nameZh: requiredText(60),
	nameEn: requiredText(120),
	startDate: dayKey,
	endDate: dayKey,
	timezone: z
		.string(REQUIRED)
		.trim()
		.max(64, 'form.tooLong')
		.refine(isTimeZone, 'staff.settings.timezoneInvalid'),
	submissionOpens: localTime,
	submissionCloses: localTime,
	published: z.literal('on', { invalid_type_error: 'form.invalid' }).optional(),
};

/** The password typed again before an admin action, when the session's confirmation is old. */
export const reentryFields = {
	reentryPassword: z.string({ invalid_type_error: 'form.required' }).max(1000).optional(),
};

export const createStaffFields = {
	email: loginFields.email,
	role: z.enum(['staff', 'admin', 'district'], { errorMap: () => ({ message: 'form.choose' }) }),
	/** A district account's district, by code (required for that role, checked on creation). */
	district: z.string({ invalid_type_error: 'form.invalid' }).max(64, 'form.invalid').optional(),
	password: z.string(REQUIRED).max(1000, 'auth.password.tooLong'),
};

export const updateStaffFields = {
	userId: requiredId('form.notFound'),
	change: z.enum(['makeStaff', 'makeAdmin', 'disable', 'resetPassword', 'resetTwoFactor'], {
		errorMap: () => ({ message: 'form.invalid' }),
	}),
	password: z.string({ invalid_type_error: 'form.invalid' }).max(1000).optional(),
};

export const referenceFields = {
	kind: z.enum(REFERENCE_KINDS, { errorMap: () => ({ message: 'form.invalid' }) }),
	id: requiredId('form.notFound').optional(),
	code: z
		.string({ invalid_type_error: 'form.invalid' })
		.trim()
		.regex(REFERENCE_CODE, 'setup.code')
		.optional(),
	nameZh: requiredText(REFERENCE_NAME_MAX.zh),
	nameEn: requiredText(REFERENCE_NAME_MAX.en),
	sort: z
		.string(REQUIRED)
		.trim()
		.regex(/^\d{1,4}$/, 'staff.reference.sortInvalid')
		.transform(Number),
};

/** A typed carrier: none, a merchant's number, or a name to look up. */
export type CarrierText = null | { id: number } | { name: string };

export function parseCarrierText(raw: string): CarrierText {
	const text = raw.trim();
	if (text === '' || text === 'none') return null;
	const id = /(?:^|#)\s*([1-9]\d{0,15})$/.exec(text);
	if (id) return { id: Number(id[1]) };
	return { name: text };
}
