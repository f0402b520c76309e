import { WX_LIVE_STATUS, type LivePhase } from './status';

/** How far ahead the home page lists rooms as starting soon. */
export const SOON_WINDOW_MS = 2 * 60 * 60_000;

/** A plugin status older than this is ignored and the schedule decides. */
export const LIVE_STATUS_FRESH_MS = 15 * 60_000;

export interface PhaseInput {
	startAt: Date;
	endAt: Date;
	liveStatus: number | null;
	liveStatusAt: Date | null;
	replayUrl: string | null;
	replayExpiresAt: Date | null;
}

/**
 * A room's live phase at `now`. A fresh status read from the WeChat live plugin wins over the
 * schedule (hosts start late and stop early); otherwise the schedule decides. An ended room whose
 * replay has not expired is a replay. `src/lib/server/room/phase-sql.ts` mirrors these rules in SQL
 * for filtering; a test keeps the two in step.
 */
export function deriveLivePhase(room: PhaseInput, now: Date): LivePhase {
	const t = now.getTime();
	const fresh =
		room.liveStatus !== null &&
		room.liveStatusAt !== null &&
		t - room.liveStatusAt.getTime() <= LIVE_STATUS_FRESH_MS;
	if (fresh) {
		switch (room.liveStatus) {
			case WX_LIVE_STATUS.live:
			case WX_LIVE_STATUS.paused:
				return 'live';
			case WX_LIVE_STATUS.ended:
			case WX_LIVE_STATUS.expired:
				return hasReplay(room, t) ? 'replay' : 'ended';
			case WX_LIVE_STATUS.notStarted:
				if (t < room.endAt.getTime()) return 'upcoming';
				break;
		}
	}
	if (t < room.startAt.getTime()) return 'upcoming';
	if (t < room.endAt.getTime()) return 'live';
	return hasReplay(room, t) ? 'replay' : 'ended';
}

function hasReplay(room: PhaseInput, t: number): boolean {
	return (
		room.replayUrl !== null && (room.replayExpiresAt === null || room.replayExpiresAt.getTime() > t)
	);
}
