/**
 * Whether an ended room can be replayed. The replay URL comes from the WeChat live plugin's
 * `get_replay` (imported) or from the merchant, so it is linked only when it is an https URL:
 * the portal never sends citizens to `javascript:`, `data:` or plain-http addresses.
 */

export type ReplayState =
	| { kind: 'none' }
	| { kind: 'available'; url: string; expiresAt: Date | null }
	| { kind: 'expired'; expiredAt: Date };

/** True for an absolute https URL without credentials. */
export function isSafeReplayUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' && url.username === '' && url.password === '';
	} catch {
		return false;
	}
}

/**
 * The replay of a room at `now`: only once the room has ended (its live phase is `ended` or
 * `replay`, which may come from the plugin before the scheduled end) and while it has not expired.
 */
export function describeReplay(
	room: { replayUrl: string | null; replayExpiresAt: Date | null },
	ended: boolean,
	now: Date,
): ReplayState {
	if (!ended || !room.replayUrl || !isSafeReplayUrl(room.replayUrl)) return { kind: 'none' };
	if (room.replayExpiresAt && room.replayExpiresAt.getTime() <= now.getTime()) {
		return { kind: 'expired', expiredAt: room.replayExpiresAt };
	}
	return { kind: 'available', url: room.replayUrl, expiresAt: room.replayExpiresAt };
}
