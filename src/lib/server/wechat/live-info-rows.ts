import { z } from 'zod';
import { findTextProblem, TEXT_PROBLEM_MESSAGES } from '../../shared/text-hygiene';

/**
 * One room of a `getliveinfo` list, checked on its own: a row that breaks a rule is refused with
 * its number, the field and the reason, and the other rows are imported (wechat/live-info.ts).
 * Numbers a person reads are counted from 1 — the room's row in the file, and a product's place
 * in the room's `goods` (`goods[2].price` is the second product) — the field names are the
 * file's own.
 */

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

export type LiveRoom = z.output<typeof roomSchema>;
export type LiveGoods = z.output<typeof goodsSchema>;

/** A row of the file that was not imported: why, in the file's terms. */
export interface RefusedRow {
	/** Its position in `room_info`, from 1. */
	row: number;
	/** Its `roomid` when that is a plain number, for the merchant to find it; null otherwise. */
	roomid: number | null;
	/** The offending field: `roomid`, `anchor_name`, `goods[2].price` … */
	field: string;
	/** A message id: `import.field.type`, `form.bidiControl` … */
	reason: string;
}

/** `['goods', 0, 'price']` → `goods[1].price`: array places counted from 1, like the rows. */
function describeField(path: readonly (string | number)[]): string {
	return path
		.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : i === 0 ? p : `.${p}`))
		.join('');
}

/** The reason for the first problem zod found, as a message id. */
function describeIssue(issue: z.ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type':
			return issue.received === 'undefined' || issue.received === 'null'
				? 'import.field.missing'
				: 'import.field.type';
		case 'too_small':
			return issue.type === 'number' && Number(issue.minimum) === 0 && issue.inclusive
				? 'import.field.negative'
				: 'import.field.range';
		case 'too_big':
			return issue.type === 'string' || issue.type === 'array'
				? 'import.field.tooLong'
				: 'import.field.range';
		case 'not_multiple_of':
			return 'import.field.type';
		case 'invalid_union':
			return 'import.field.choice';
		default:
			return 'import.field.invalid';
	}
}

/** Markup or a character the shared text rule refuses, in a name shown on the portal. */
function checkName(value: string): string | null {
	if (/[<>]/.test(value)) return 'import.field.markup';
	const problem = findTextProblem(value, { multiline: false });
	return problem ? TEXT_PROBLEM_MESSAGES[problem] : null;
}

/** The names a row shows, with where each is: the room's, its anchor's, each product's. */
function listNames(room: LiveRoom): [string, string][] {
	return [
		['name', room.name],
		['anchor_name', room.anchor_name ?? ''],
		...(room.goods ?? []).map((g, i): [string, string] => [`goods[${i + 1}].name`, g.name]),
	];
}

/** A room's row checked: the room, or why it is refused (`row` counts from 1). */
export function checkLiveRoom(
	value: unknown,
	row: number,
): { ok: true; room: LiveRoom } | { ok: false; refused: RefusedRow } {
	const raw = (typeof value === 'object' && value !== null ? value : {}) as { roomid?: unknown };
	const roomid =
		typeof raw.roomid === 'number' && Number.isSafeInteger(raw.roomid) && raw.roomid > 0
			? raw.roomid
			: null;
	const refuse = (field: string, reason: string) => ({
		ok: false as const,
		refused: { row, roomid, field, reason },
	});
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return refuse('room_info', 'import.field.type');
	}
	const parsed = roomSchema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		return refuse(describeField(issue.path), describeIssue(issue));
	}
	for (const [field, name] of listNames(parsed.data)) {
		const reason = checkName(name);
		if (reason) return refuse(field, reason);
	}
	return { ok: true, room: parsed.data };
}
