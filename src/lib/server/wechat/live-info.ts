import { z } from 'zod';
import { encodeFormMessage } from '../../shared/forms/form-message';

/**
 * The WeChat live plugin's room list (`getliveinfo`), as a merchant pastes or uploads it. Parsing
 * is all-or-nothing: a file that is not this format is refused whole, with a message saying what
 * is wrong, before anything is written.
 */

/** The web form's limit; a full `getliveinfo` page (100 rooms with goods) is a few hundred KB. */
export const IMPORT_WEB_MAX_BYTES = 2 * 1024 * 1024;
/** The command line's limit, for operators loading many pages at once. */
export const IMPORT_CLI_MAX_BYTES = 20 * 1024 * 1024;

const MAX_FEN = 999_999_999;
const int = (max = Number.MAX_SAFE_INTEGER) => z.number().int().min(0).max(max);
const text = (max: number) => z.string().max(max);

const goodsSchema = z.object({
	goods_id: int().optional(),
	name: text(300),
	cover_img: text(2000).optional(),
	url: text(2000).optional(),
	price: int(MAX_FEN),
	price2: int(MAX_FEN).optional(),
	price_type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});

const roomSchema = z.object({
	roomid: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
	name: text(300),
	cover_img: text(2000).optional(),
	live_status: int(999),
	start_time: int(4_102_444_800),
	end_time: int(4_102_444_800),
	anchor_name: text(100).optional(),
	goods: z.array(goodsSchema).max(500).optional(),
});

const payloadSchema = z.object({
	errcode: z.number().int(),
	errmsg: z.string().max(2000).optional(),
	total: int().optional(),
	room_info: z.array(roomSchema).max(20_000),
});

export type LiveRoom = z.output<typeof roomSchema>;
export type LiveGoods = z.output<typeof goodsSchema>;

export type LiveInfoParse = { ok: true; rooms: LiveRoom[] } | { ok: false; message: string };

/** Markup or control characters (other than tab and line breaks): no room or product name has them, a hostile file does. */
function isHostileText(text: string): boolean {
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (ch === '<' || ch === '>' || code === 0x7f) return true;
		if (code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') return true;
	}
	return false;
}

function describePath(path: (string | number)[]): string {
	return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Parses a `getliveinfo` response held as bytes. Refusals (message ids with parameters):
 * over `maxBytes`, not UTF-8 or not JSON, not an object, `errcode` ≠ 0 (WeChat's own error),
 * fields of the wrong type (the first offending path is named), and markup or control characters
 * in any name (the row is named).
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
		const issue = parsed.error.issues[0]!;
		return {
			ok: false,
			message: encodeFormMessage('import.wrongType', { path: describePath(issue.path) }),
		};
	}
	const rooms = parsed.data.room_info;
	for (const [row, r] of rooms.entries()) {
		const texts = [r.name, r.anchor_name ?? '', ...(r.goods ?? []).map((g) => g.name)];
		if (texts.some(isHostileText)) {
			return {
				ok: false,
				message: encodeFormMessage('import.markup', { row: row + 1, roomid: r.roomid }),
			};
		}
	}
	return { ok: true, rooms };
}
