import type { LiveRoom } from '../wechat/live-info';
import { describeRefusedRows, parseLiveInfo } from '../wechat/live-info';
import type { CallBudget } from './call-budget';
import { safeFetch, type SafeFetchPolicy } from './safe-fetch';

/** A replay of a room, as `get_replay` lists it. */
export interface LiveReplay {
	mediaUrl: string;
	expiresAt: Date | null;
}

/** What one sync learnt from a merchant's room source. */
export interface RoomListing {
	rooms: LiveRoom[];
	/**
	 * Whether the listing is the merchant's whole room list. Only a complete listing may mark
	 * rooms it lacks as no longer reported.
	 */
	complete: boolean;
	replays: Map<number, LiveReplay>;
}

/** A merchant's rooms, read from wherever they come from (a feed URL, or WeChat with credentials). */
export interface RoomSource {
	listRooms(budget: CallBudget): Promise<RoomListing>;
}

/** Refusals of a payload (not JSON, wrong shape, markup in names), carrying the importer's message id. */
export class PayloadError extends Error {
	constructor(readonly messageId: string) {
		super(`payload refused: ${messageId}`);
		this.name = 'PayloadError';
	}
}

/**
 * The merchant's own endpoint answering with their `getliveinfo` payload (GET, no secrets). One
 * request per sync; a payload whose `total` exceeds what it lists is used but counted incomplete.
 */
export function createFeedSource(feedUrl: string, policy: SafeFetchPolicy): RoomSource {
	return {
		async listRooms(budget) {
			budget.take();
			const bytes = await safeFetch(feedUrl, policy);
			const parsed = parseLiveInfo(bytes, policy.maxBytes);
			if (!parsed.ok) throw new PayloadError(parsed.message);
			const refusal = describeRefusedRows(parsed.refused);
			if (refusal) throw new PayloadError(refusal);
			const total = readTotal(bytes);
			return {
				rooms: parsed.rooms,
				complete: total === undefined || total <= parsed.rooms.length,
				replays: new Map(),
			};
		},
	};
}

function readTotal(bytes: Uint8Array): number | undefined {
	try {
		const value = JSON.parse(Buffer.from(bytes).toString('utf8')) as { total?: unknown };
		return typeof value.total === 'number' ? value.total : undefined;
	} catch {
		return undefined;
	}
}
