import { PUBLIC_ROOM_STATUSES, type MerchantStatus, type ReviewStatus } from './status';

/**
 * The one definition of "the public may see this room" (of a published festival), as data: its
 * review status is public, and the merchant carrying it, if any, is approved (a showcase may have
 * none). Compiled here to the in-memory check and to the SQL the triggers of
 * db/migrations/0009_public_tally.sql keep `room.is_public` with (a test keeps the migration's
 * text equal to the compiled form); lists and counts read that flag (room/visibility.ts).
 */
export const PUBLIC_ROOM_RULE = {
	roomStatuses: PUBLIC_ROOM_STATUSES,
	merchantStatuses: ['approved'] as const satisfies readonly MerchantStatus[],
	/** A room no merchant carries (a showcase) depends on its own status alone. */
	withoutMerchant: true,
} as const;

/** Whether the public may see a room with this status, carried by this merchant (or none). */
export function isRoomPublic(
	room: { reviewStatus: ReviewStatus },
	merchant: { status: MerchantStatus } | null,
): boolean {
	const own = (PUBLIC_ROOM_RULE.roomStatuses as readonly ReviewStatus[]).includes(
		room.reviewStatus,
	);
	if (!merchant) return own && PUBLIC_ROOM_RULE.withoutMerchant;
	return (
		own &&
		(PUBLIC_ROOM_RULE.merchantStatuses as readonly MerchantStatus[]).includes(merchant.status)
	);
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const inList = (column: string, values: readonly string[]) =>
	values.length === 1 ? `${column} = ${list(values)}` : `${column} IN (${list(values)})`;

/**
 * The rule as the SQL expression of a room row (`NEW` in a trigger), looking its merchant up:
 * what the triggers of migration 0009 write into `room.is_public`.
 */
export function compileVisibilitySql(row: string): string {
	const merchantOk = `EXISTS (SELECT 1 FROM merchant m WHERE m.id = ${row}.merchant_id AND ${inList('m.status', PUBLIC_ROOM_RULE.merchantStatuses)})`;
	return `(${inList(`${row}.review_status`, PUBLIC_ROOM_RULE.roomStatuses)} AND (${row}.merchant_id IS NULL\n\t\tOR ${merchantOk}))`;
}
