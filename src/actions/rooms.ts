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
import { cancelRoom, isSubmissionOpen, saveRoom } from '../lib/server/room/submission';
import { checkCover, storeCover, type ImageType } from '../lib/server/upload/cover';
import { IMPORT_WEB_MAX_BYTES, type RefusedRow } from '../lib/server/wechat/live-info';
import { parseProductRows, roomFields } from '../lib/shared/forms/room-form';
import { parseForm, requiredId, type FormIssue } from '../lib/shared/forms/parse-form';
import { parseZonedDateTime } from '../lib/shared/room-window';
import { inputError, parseOrThrow, refuse, requireUser } from './support';

/**
 * Stores an uploaded cover before the room is written, so a storage failure (a full disk, an
 * unwritable UPLOAD_DIR) leaves no room behind; it is told next to the cover field, not as a 500.
 */
function storeCoverOrExplain(bytes: Uint8Array, type: ImageType): string {
	try {
		return storeCover(env.uploadDir, bytes, type);
	} catch (error) {
		console.error(`livefest: could not store a cover in ${env.uploadDir}:`, error);
		throw inputError([{ field: 'cover', message: 'rooms.cover.storeFailed' }]);
	}
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
			const parsed = parseForm(form, roomFields);
			const issues: FormIssue[] = parsed.ok ? [] : [...parsed.issues];
			const failed = (field: string) => issues.some((i) => i.field === field);
			const texts = (name: string) =>
				form.getAll(name).filter((v): v is string => typeof v === 'string');
			const rows = parseProductRows({
				names: texts('productName'),
				types: texts('productPriceType'),
				prices: texts('productPrice'),
				prices2: texts('productPrice2'),
			});
			if (!failed('productName')) issues.push(...rows.issues);
			const times = { start: null as Date | null, end: null as Date | null };
			for (const field of ['start', 'end'] as const) {
				const raw = form.get(field);
				if (failed(field) || typeof raw !== 'string') continue;
				times[field] = parseZonedDateTime(raw, ctx.festival.timezone);
				if (!times[field]) issues.push({ field, message: 'rooms.timeInvalid' });
			}
			let cover: { bytes: Uint8Array; type: ImageType } | undefined;
			const file = form.get('cover');
			if (file instanceof File && file.size > 0 && !failed('cover')) {
				const bytes = new Uint8Array(await file.arrayBuffer());
				const check = checkCover(bytes);
				if (check.ok) cover = { bytes, type: check.type };
				else issues.push({ field: 'cover', message: `rooms.cover.${check.problem}` });
			}
			if (!parsed.ok || issues.length > 0) throw inputError(issues);
			const input = parsed.data;
			const coverUrl = cover
				? storeCoverOrExplain(cover.bytes, cover.type)
				: input.removeCover
					? null
					: undefined;
			const result = saveRoom(ctx.db, { ...ctx, now: context.locals.now }, roomId, {
				title: input.title,
				titleEn: input.titleEn ?? null,
				description: input.description ?? '',
				anchorName: input.anchorName,
				startAt: times.start!,
				endAt: times.end!,
				wxRoomId: input.wxRoomId,
				products: rows.products,
				coverUrl,
			});
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
