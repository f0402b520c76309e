import { and, eq, ne } from 'drizzle-orm';
import { category, district, merchant } from '../../../../db/schema';
import type { FormValues } from '../../shared/forms/parse-form';
import type { businessFields } from '../../shared/forms/business-form';
import type { AuthUser } from '../auth/session';
import type { Db } from '../db';
import type { Festival } from '../festival/current';
import { invalid, invalidAll, type Outcome } from './outcome';
import { canEditBusiness, canRegisterBusiness } from './policy';

export type Business = typeof merchant.$inferSelect;
export type BusinessInput = FormValues<typeof businessFields>;

/** The fields staff review; changing one of them sends an approved business back to review. */
const REVIEWED_FIELDS = [
	'legalName',
	'nameZh',
	'nameEn',
	'creditCode',
	'districtId',
	'categoryId',
	'appId',
	'roomPagePath',
	'urlLink',
] as const satisfies readonly (keyof BusinessInput)[];

/** The business an account registered, if any (one per account). */
export function findOwnBusiness(db: Db, userId: number): Business | undefined {
	return db.select().from(merchant).where(eq(merchant.ownerUserId, userId)).get();
}

function normalizeOptional(value: string | null | undefined): string | null {
	return value ?? null;
}

/**
 * Registers the account's business, or saves an edit of it. A new or rejected registration goes
 * to review (`pending`, the reviewer's old reason cleared). An approved one stays approved when
 * only the contact person changed, and goes back to review when anything staff check changed —
 * which takes its rooms off the public pages until it is approved again.
 */
export function saveBusiness(
	db: Db,
	user: AuthUser,
	input: BusinessInput,
	context: { festival: Festival; now: Date },
): Outcome<{ merchantId: number; status: Business['status'] }> {
	if (!canRegisterBusiness(user))
		return { ok: false, kind: 'forbidden', message: 'business.notMerchant' };
	const existing = findOwnBusiness(db, user.id);
	if (existing && !canEditBusiness(user, existing)) {
		return { ok: false, kind: 'forbidden', message: 'business.suspended' };
	}
	const problems = invalidAll([
		...(db
			.select({ id: district.id })
			.from(district)
			.where(and(eq(district.id, input.districtId), eq(district.city, context.festival.city)))
			.get()
			? []
			: [{ field: 'districtId', message: 'form.choose' }]),
		...(db.select({ id: category.id }).from(category).where(eq(category.id, input.categoryId)).get()
			? []
			: [{ field: 'categoryId', message: 'form.choose' }]),
	]);
	if (problems) return problems;
	const codeTaken = db
		.select({ id: merchant.id })
		.from(merchant)
		.where(
			existing
				? and(eq(merchant.creditCode, input.creditCode), ne(merchant.id, existing.id))
				: eq(merchant.creditCode, input.creditCode),
		)
		.get();
	if (codeTaken) return invalid('creditCode', 'business.creditCodeTaken');

	const values = {
		legalName: input.legalName,
		nameZh: input.nameZh,
		nameEn: normalizeOptional(input.nameEn),
		creditCode: input.creditCode,
		districtId: input.districtId,
		categoryId: input.categoryId,
		contactName: input.contactName,
		contactMobile: input.contactMobile,
		appId: input.appId,
		roomPagePath: input.roomPagePath,
		urlLink: normalizeOptional(input.urlLink),
		updatedAt: context.now,
	};
	try {
		if (!existing) {
			const created = db
				.insert(merchant)
				.values({ ...values, ownerUserId: user.id, status: 'pending', createdAt: context.now })
				.returning({ id: merchant.id })
				.get();
			return { ok: true, merchantId: created.id, status: 'pending' };
		}
		const reviewedChange = REVIEWED_FIELDS.some((field) => existing[field] !== values[field]);
		const status = existing.status === 'approved' && !reviewedChange ? 'approved' : 'pending';
		db.update(merchant)
			.set({ ...values, status, reviewNote: status === 'pending' ? null : existing.reviewNote })
			.where(eq(merchant.id, existing.id))
			.run();
		return { ok: true, merchantId: existing.id, status };
	} catch (error) {
		// Another registration took the code between the check and the write.
		if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
			return invalid('creditCode', 'business.creditCodeTaken');
		}
		throw error;
	}
}
