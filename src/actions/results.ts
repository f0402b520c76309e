import { ActionError, defineAction } from 'astro:actions';
import { z } from 'zod';
import { findCurrentFestival } from '../lib/server/merchant/current-festival';
import { applyResultsAction } from '../lib/server/results/publication';
import { saveRoomReport } from '../lib/server/results/room-report';
import { canManageResults } from '../lib/server/staff/policy';
import { checkReportedFigures, reportFields } from '../lib/shared/forms/results-form';
import { requireBusiness } from './rooms';
import { requireStaff } from './staff';
import { inputError, parseOrThrow, refuse } from './support';

const manageFields = {
	action: z.enum(['lock', 'unlock', 'publish', 'withdraw'], {
		errorMap: () => ({ message: 'form.invalid' }),
	}),
};

/** The festival's results: merchants report a session's figures; staff lock and publish them. */
export const results = {
	/** A merchant's figures for one of their ended sessions (`/merchant/rooms/{id}/results`). */
	report: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireBusiness(context);
			const input = parseOrThrow(form, reportFields);
			const figures = { viewers: input.viewers, orders: input.orders, salesFen: input.sales };
			const together = checkReportedFigures(figures);
			if (together) throw inputError([together]);
			const result = saveRoomReport(
				ctx.db,
				ctx.user,
				ctx.business,
				ctx.festival,
				{ roomId: input.roomId, figures },
				context.locals.now,
			);
			if (!result.ok) refuse(result);
			return { roomId: result.roomId };
		},
	}),

	/** Locks or reopens the reports, publishes or withdraws `/results` (`/staff/results`). */
	manage: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireStaff(context, canManageResults);
			const festival = findCurrentFestival(ctx.db);
			if (!festival) throw new ActionError({ code: 'CONFLICT', message: 'merchant.noFestival' });
			const { action } = parseOrThrow(form, manageFields);
			await applyResultsAction(ctx.db, ctx.user, festival, action, ctx.now);
			return { action };
		},
	}),
};
