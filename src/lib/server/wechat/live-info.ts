import { z } from 'zod';
import { encodeFormMessage } from '../../shared/forms/form-message';
import { checkLiveRoom, type LiveRoom, type RefusedRow } from './live-info-rows';

export type { LiveGoods, LiveRoom, RefusedRow } from './live-info-rows';

/**
 * The WeChat live plugin's room list (`getliveinfo`), as a merchant pastes or uploads it, or a
 * sync fetches it. Only a file that is not such a list at all — too large, not UTF-8 JSON, not an
 * object with `errcode` and a `room_info` array, or WeChat's own error — is refused whole. Each
 * room is then checked on its own (live-info-rows.ts): good rows are imported, and every refused
 * row is reported with its number (from 1), field and reason.
 */

/** The web form's limit; a full `getliveinfo` page (100 rooms with goods) is a few hundred KB. */
export const IMPORT_WEB_MAX_BYTES = 2 * 1024 * 1024;
/** The command line's limit, for operators loading many pages at once. */
export const IMPORT_CLI_MAX_BYTES = 20 * 1024 * 1024;

const MAX_ROWS = 20_000;

/** The list's frame (other fields, `errmsg` and `total` included, are not needed to import). */
const payloadSchema = z.object({
	errcode: z.number().int(),
	room_info: z.array(z.unknown()).max(MAX_ROWS),
});

/** A room that passed, with its row in the file (from 1). */
export type NumberedRoom = LiveRoom & { row: number };

export type LiveInfoParse =
	{ ok: true; rooms: NumberedRoom[]; refused: RefusedRow[] } | { ok: false; message: string };

/**
 * Parses a `getliveinfo` response held as bytes. Whole-file refusals (message ids with
 * parameters): over `maxBytes`, not UTF-8 or not JSON, not an object with `errcode`, `errcode` ≠ 0
 * (WeChat's own error), or a frame field of the wrong type (named). Otherwise every room is
 * either in `rooms` or in `refused`.
 */
export function parseLiveInfo(bytes: Uint8Array, maxBytes: number): LiveInfoParse {
	if (bytes.length > maxBytes) {
		return {
			ok: false,
			message: encodeFormMessage('import.tooLarge', {
				size: (bytes.length / 1024 / 1024).toFixed(1),
				max: Math.round(maxBytes / 1024 / 1024),
			}),
		};
	}
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		return { ok: false, message: 'import.notJson' };
	}
	if (
		typeof value !== 'object' ||
		value === null ||
		Array.isArray(value) ||
		!('errcode' in value)
	) {
		return { ok: false, message: 'import.notLiveInfo' };
	}
	const errcode = (value as { errcode: unknown }).errcode;
	if (typeof errcode === 'number' && errcode !== 0) {
		const errmsg = String((value as { errmsg?: unknown }).errmsg ?? '').slice(0, 120);
		return {
			ok: false,
			message: encodeFormMessage('import.wechatError', { code: errcode, errmsg }),
		};
	}
	const parsed = payloadSchema.safeParse(value);
	if (!parsed.success) {
		const path = parsed.error.issues[0]!.path[0] ?? 'room_info';
		return { ok: false, message: encodeFormMessage('import.wrongType', { path }) };
	}
	const rooms: NumberedRoom[] = [];
	const refused: RefusedRow[] = [];
	parsed.data.room_info.forEach((item, index) => {
		const checked = checkLiveRoom(item, index + 1);
		if (checked.ok) rooms.push({ ...checked.room, row: index + 1 });
		else refused.push(checked.refused);
	});
	return { ok: true, rooms, refused };
}

/**
 * For a sync, which must see the whole list to know which rooms are gone: a list with a refused
 * row is refused as a whole, naming the first such row (a message id with parameters), else null.
 */
export function describeRefusedRows(refused: readonly RefusedRow[]): string | null {
	const first = refused[0];
	if (!first) return null;
	return encodeFormMessage('import.rowsRefused', {
		count: refused.length,
		row: first.row,
		field: first.field,
	});
}
