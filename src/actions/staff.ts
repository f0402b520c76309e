import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import type { AuthSession, AuthUser } from '../lib/server/auth/session';
import { getDb, type Db } from '../lib/server/db';
import type { Festival } from '../lib/server/festival/current';
import { findCurrentFestival } from '../lib/server/merchant/current-festival';
import { bulkApprove, decideMerchant, decideRoom } from '../lib/server/review/decisions';
import { createStaffAccount, updateStaffAccount } from '../lib/server/staff/accounts';
import {
	addFeatured,
	moveFeatured,
	removeFeatured,
	reorderFeatured,
} from '../lib/server/staff/featured';
import { updateFestivalSettings } from '../lib/server/staff/festival-settings';
import {
	bulkFields,
	cancelShowcaseFields,
	createStaffFields,
	featureFields,
	festivalFields,
	merchantDecisionFields,
	moveFields,
	reentryFields,
	referenceFields,
	reorderFields,
	roomDecisionFields,
	updateStaffFields,
} from '../lib/server/staff/forms';
import type { StaffRefusal } from '../lib/server/staff/outcome';
import {
	canCurate,
	canEditFestival,
	canEditReferenceLists,
	canManageShowcases,
	canManageStaff,
	canReview,
	isStaff,
	mustEnrolSecondFactor,
} from '../lib/server/staff/policy';
import { confirmAdminPresence } from '../lib/server/staff/reentry';
import { saveReferenceEntry } from '../lib/server/staff/reference-edit';
import { cancelShowcase, saveShowcase } from '../lib/server/staff/showcase';
import { parseShowcaseForm } from '../lib/server/staff/showcase-form';
import { describeClient, inputError, parseOrThrow, refuse } from './support';

interface StaffContext {
	db: Db;
	user: AuthUser;
	session: AuthSession;
	now: Date;
	action: ActionAPIContext;
}

/**
 * The signed-in bureau account allowed by `policy`, or the error the console's pages give: 403 to
 * a visitor who is signed out, 404 to any other account (a merchant learns nothing about the
 * console). An admin who has not enrolled an authenticator may do nothing but enrol
 * (`mustEnrolSecondFactor`). Every staff action starts here, whatever URL it was posted to.
 */
export function requireStaff(
	context: ActionAPIContext,
	policy: (user: AuthUser | null) => boolean,
): StaffContext {
	const { user, session, now } = context.locals;
	if (!user || !session) {
		throw new ActionError({ code: 'FORBIDDEN', message: 'form.signedOut' });
	}
	if (!isStaff(user) || !policy(user)) {
		throw new ActionError({ code: 'NOT_FOUND', message: 'form.notFound' });
	}
	if (mustEnrolSecondFactor(user)) {
		throw new ActionError({ code: 'FORBIDDEN', message: 'twoFactor.enrolFirst' });
	}
	return { db: getDb(), user, session, now, action: context };
}

function requireFestival(db: Db): Festival {
	const festival = findCurrentFestival(db);
	if (!festival) throw new ActionError({ code: 'CONFLICT', message: 'merchant.noFestival' });
	return festival;
}

/** Turns a console refusal into the action error the page shows. */
function refuseStaff(refusal: StaffRefusal): never {
	if (refusal.kind === 'conflict') {
		throw new ActionError({ code: 'CONFLICT', message: refusal.message });
	}
	refuse(refusal);
}

/** Admin actions first ask for the password again when it was typed over 15 minutes ago. */
async function requirePresence(ctx: StaffContext, form: FormData): Promise<void> {
	const { reentryPassword } = parseOrThrow(form, reentryFields);
	const presence = await confirmAdminPresence(
		ctx.db,
		ctx.user,
		ctx.session,
		reentryPassword,
		describeClient(ctx.action),
	);
	if (!presence.ok) refuse(presence, ctx.action);
}

/** The bureau's console (`/staff`). Each form posts here with `accept: 'form'`. */
export const staff = {
	decideRoom: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canReview);
			const input = parseOrThrow(form, roomDecisionFields);
			const result = decideRoom(
				ctx.db,
				ctx.user,
				{
					roomId: input.roomId,
					decision: input.decision,
					reason: input.reason,
					seen: { status: input.seenStatus, updatedAt: input.seenAt },
				},
				ctx.now,
			);
			if (!result.ok) refuseStaff(result);
			return { roomId: result.roomId, status: result.status };
		},
	}),

	decideMerchant: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canReview);
			const input = parseOrThrow(form, merchantDecisionFields);
			const result = decideMerchant(
				ctx.db,
				ctx.user,
				{
					merchantId: input.merchantId,
					decision: input.decision,
					reason: input.reason,
					seen: { status: input.seenStatus, updatedAt: input.seenAt },
				},
				ctx.now,
			);
			if (!result.ok) refuseStaff(result);
			return { merchantId: result.merchantId, status: result.status };
		},
	}),

	/** Approves the checked items of a queue; reports the ones someone else decided first. */
	bulkApprove: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canReview);
			const input = parseOrThrow(form, bulkFields);
			return bulkApprove(ctx.db, ctx.user, input.queue, input.items, ctx.now);
		},
	}),

	featureAdd: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canCurate);
			const { roomId } = parseOrThrow(form, featureFields);
			const result = addFeatured({ ...ctx, festival: requireFestival(ctx.db) }, roomId);
			if (!result.ok) refuseStaff(result);
			return { day: result.day };
		},
	}),

	featureRemove: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canCurate);
			const { roomId } = parseOrThrow(form, featureFields);
			const result = removeFeatured({ ...ctx, festival: requireFestival(ctx.db) }, roomId);
			if (!result.ok) refuseStaff(result);
			return { day: result.day };
		},
	}),

	featureMove: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canCurate);
			const { roomId, direction } = parseOrThrow(form, moveFields);
			const result = moveFeatured({ ...ctx, festival: requireFestival(ctx.db) }, roomId, direction);
			if (!result.ok) refuseStaff(result);
			return { day: result.day };
		},
	}),

	/** The whole order of one day at once, as the drag-and-drop list sends it. */
	featureReorder: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canCurate);
			const { day, order } = parseOrThrow(form, reorderFields);
			const result = reorderFeatured({ ...ctx, festival: requireFestival(ctx.db) }, day, order);
			if (!result.ok) refuseStaff(result);
			return { day: result.day };
		},
	}),

	saveShowcase: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canManageShowcases);
			const festival = requireFestival(ctx.db);
			const parsed = parseShowcaseForm(form, festival.timezone);
			if (!parsed.ok) throw inputError(parsed.issues);
			const result = saveShowcase({ ...ctx, festival }, parsed.roomId, parsed.draft);
			if (!result.ok) refuseStaff(result);
			return { roomId: result.roomId, created: parsed.roomId === undefined };
		},
	}),

	cancelShowcase: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canManageShowcases);
			const { roomId, seenAt } = parseOrThrow(form, cancelShowcaseFields);
			const result = cancelShowcase({ ...ctx, festival: requireFestival(ctx.db) }, roomId, seenAt);
			if (!result.ok) refuseStaff(result);
			return { roomId: result.roomId };
		},
	}),

	saveFestival: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canEditFestival);
			const festival = requireFestival(ctx.db);
			const input = parseOrThrow(form, festivalFields);
			await requirePresence(ctx, form);
			const result = updateFestivalSettings(
				ctx.db,
				ctx.user,
				festival,
				{ ...input, published: input.published === 'on' },
				ctx.now,
			);
			if (!result.ok) refuse(result);
			return { festivalId: result.festivalId };
		},
	}),

	/** Adds or renames a district or category (admins; asks for the password again when old). */
	saveReference: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canEditReferenceLists);
			const festival = requireFestival(ctx.db);
			const input = parseOrThrow(form, referenceFields);
			await requirePresence(ctx, form);
			const result = await saveReferenceEntry(ctx.db, ctx.user, festival, input, ctx.now);
			if (!result.ok) refuse(result);
			return { id: result.id, kind: input.kind };
		},
	}),

	createAccount: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canManageStaff);
			const input = parseOrThrow(form, createStaffFields);
			await requirePresence(ctx, form);
			const result = await createStaffAccount(
				ctx.db,
				{ userId: ctx.user.id, name: ctx.user.email },
				input,
				ctx.now,
				findCurrentFestival(ctx.db)?.city,
			);
			if (!result.ok) refuse(result);
			return { userId: result.userId };
		},
	}),

	updateAccount: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canManageStaff);
			const input = parseOrThrow(form, updateStaffFields);
			await requirePresence(ctx, form);
			const result = await updateStaffAccount(
				ctx.db,
				{ userId: ctx.user.id, name: ctx.user.email },
				input,
				ctx.now,
			);
			if (!result.ok) refuse(result);
			return { userId: result.userId, change: input.change };
		},
	}),
};
