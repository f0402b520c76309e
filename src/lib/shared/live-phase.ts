import { compilePhaseCheck, type PhaseFacts } from './phase-rule';
import type { LivePhase } from './status';

export { LIVE_END_GRACE_MS, LIVE_STATUS_FRESH_MS } from './phase-rule';

/** How far ahead the home page lists rooms as starting soon. */
export const SOON_WINDOW_MS = 2 * 60 * 60_000;

export interface PhaseInput {
	startAt: Date;
	endAt: Date;
	liveStatus: number | null;
	liveStatusAt: Date | null;
	replayUrl: string | null;
	replayExpiresAt: Date | null;
}

const check = compilePhaseCheck();

/** A stored room's phase facts (shared/phase-rule.ts) as numbers. */
export function toPhaseFacts(room: PhaseInput): PhaseFacts {
	return {
		startAt: room.startAt.getTime(),
		endAt: room.endAt.getTime(),
		liveStatus: room.liveStatus ?? 0,
		liveStatusAt: room.liveStatusAt?.getTime() ?? 0,
		replayUntil:
			room.replayUrl === null ? -Infinity : (room.replayExpiresAt?.getTime() ?? Infinity),
	};
}

/**
 * A room's live phase at `now`, by the rules of shared/phase-rule.ts (the schedule decides; a
 * fresh WeChat status refines it inside the scheduled window). src/lib/server/room/phase-sql.ts
 * compiles the same rules to SQL; tests/unit/server/room/phase-sql.test.ts compares the two.
 */
export function deriveLivePhase(room: PhaseInput, now: Date): LivePhase {
	return check(toPhaseFacts(room), now.getTime());
}
