import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'zod';
import type { AuthUser } from '../lib/server/auth/session';
import { getDb, type Db } from '../lib/server/db';
import { env } from '../lib/server/env';
import type { Festival } from '../lib/server/festival/current';
import { findCurrentFestival } from '../lib/server/merchant/current-festival';
import { canSubmitRooms, canViewBusiness } from '../lib/server/merchant/policy';
import { findOwnBusiness, type Business } from '../lib/server/merchant/registration';
import type { ImportRow } from '../lib/server/room/import';
import { readFormPicture } from '../lib/server/media/form-picture';
import {
	cancelRoom,
	checkRoomEditable,
	isSubmissionOpen,
	saveRoom,
} from '../lib/server/room/submission';
import { IMPORT_WEB_MAX_BYTES, type RefusedRow } from '../lib/server/wechat/live-info';
import { requiredId, type FormIssue } from '../lib/shared/forms/parse-form';
import { parseRoomFieldset } from '../lib/shared/forms/room-fields';
import { inputError, parseOrThrow, refuse, requireUser } from './support';

/** An uploaded cover (media/form-picture.ts): its key, null to remove it, undefined to keep it. */
function readCover(form: FormData, issues: FormIssue[]): Promise<string | null | undefined> {
	return readFormPicture(
		form,
		{
			field: 'cover',
			removeField: 'removeCover',
			kind: 'cover',
			dir: env.uploadDir,
			problemMessage: (problem) => `rooms.cover.${problem}`,
		},
		issues,
	);
}

interface MerchantContext {
	db: Db;
	user: AuthUser;
	business: Business;
	festival: Festival;
}

/** The signed-in merchant's own business and the current festival, or the error to show. */
export function requireBusiness(context: ActionAPIContext): MerchantContext {
	const user = requireUser(context);
	const db = getDb();
	const business = findOwnBusiness(db, user.id);
	if (!business || !canViewBusiness(user, business)) {
		throw new ActionError({ code: 'FORBIDDEN', message: 'rooms.registerFirst' });
	}
	const festival = findCurrentFestival(db);
	if (!festival) throw new ActionError({ code: 'CONFLICT', message: 'merchant.noFestival' });
	return { db, user, business, festival };
}

const roomIdField = { roomId: requiredId('form.notFound').optional() };
const cancelFields = { roomId: requiredId('form.notFound') };
const importFields = {
	payload: z.string({ invalid_type_error: 'form.invalid' }).optional(),
	file: z.instanceof(File, { message: 'form.invalid' }).optional(),
};

/** Room submission (`/merchant/rooms`): create, edit, cancel, import from WeChat. */
export const rooms = {
	save: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireBusiness(context);
			const { roomId } = parseOrThrow(form, roomIdField);
			const submit = { ...ctx, now: context.locals.now };
			const refusal = checkRoomEditable(ctx.db, submit, roomId);
			if (refusal) refuse(refusal);
			const parsed = parseRoomFieldset(form, 'room', ctx.festival.timezone);
			const issues = [...parsed.issues];
			const coverKey = await readCover(form, issues);
			// Every problem at once: the form's own and the room's rules (times, WeChat id).
			const result = saveRoom(
				ctx.db,
				submit,
				roomId,
				{ values: { ...parsed.values, coverKey }, products: parsed.products },
				issues,
			);
			if (!result.ok) refuse(result);
			return { roomId: result.roomId, changed: result.changed };
		},
	}),

	cancel: defineAction({
		accept: 'form',
		handler: async (form, context) => {
			const ctx = requireBusiness(context);
			const { roomId } = parseOrThrow(form, cancelFields);
			const result = cancelRoom(ctx.db, { ...ctx, now: context.locals.now }, roomId);
			if (!result.ok) refuse(result);
			return { roomId: result.roomId };
		},
	}),

	/**
	 * Imports a pasted or uploaded `getliveinfo` response: its good rows, once, in one transaction;
	 * returns the report of each imported and each refused row.
	 */
	import: defineAction({
		accept: 'form',
		handler: async (form, context): Promise<{ rows: ImportRow[]; refused: RefusedRow[] }> => {
			const ctx = requireBusiness(context);
			const input = parseOrThrow(form, importFields);
			if (!canSubmitRooms(ctx.user, ctx.business)) {
				throw new ActionError({
					code: 'FORBIDDEN',
					message: `rooms.business.${ctx.business.status}`,
				});
			}
			if (!isSubmissionOpen(ctx.festival, context.locals.now)) {
				throw new ActionError({ code: 'FORBIDDEN', message: 'staff.window.closed' });
			}
			const bytes = input.file
				? new Uint8Array(await input.file.arrayBuffer())
				: input.payload && input.payload.trim() !== ''
					? new TextEncoder().encode(input.payload)
					: undefined;
			if (!bytes) throw inputError([{ field: 'payload', message: 'import.nothing' }]);
			// Parsed and imported on the import thread (its own connection): one transaction of up
			// to 5,000 rooms that never holds the event loop. Loaded on demand, so the thread's entry
			// is a chunk of its own.
			const { importLiveInfoOffThread } = await import('../lib/server/room/import-thread');
			const result = await importLiveInfoOffThread(ctx.db, bytes, IMPORT_WEB_MAX_BYTES, {
				business: ctx.business,
				festival: ctx.festival,
				actor: { kind: 'user', userId: ctx.user.id, role: ctx.user.role },
				now: context.locals.now,
			});
			if (!result.ok)
				throw inputError([{ field: input.file ? 'file' : 'payload', message: result.message }]);
			return { rows: result.rows, refused: result.refused };
		},
	}),
};
