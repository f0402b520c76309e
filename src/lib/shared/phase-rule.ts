import { WX_LIVE_STATUS, type LivePhase } from './status';

/**
 * The one definition of a room's live phase, written as data so that every reader derives its
 * own form from it: `compilePhaseCheck` (below) for rooms in memory (room pages, search's typed
 * arrays) and src/lib/server/room/phase-sql.ts for SQL (lists, filters, the tally's correction).
 *
 * The schedule decides. A WeChat live status refines it only when a sync read it within
 * LIVE_STATUS_FRESH_MS, and only inside the room's scheduled window (plus LIVE_END_GRACE_MS after
 * the end, for hosts who run over): a 101 for a room that starts tomorrow is not "live". Uploaded
 * room lists never record a status (room/import.ts), so an old snapshot cannot either.
 */

/** A status read longer ago than this is ignored: two sync intervals (SYNC_INTERVAL_MS, 5 min). */
export const LIVE_STATUS_FRESH_MS = 10 * 60_000;

/** How long after its scheduled end a fresh "live" status may keep a room live. */
export const LIVE_END_GRACE_MS = 30 * 60_000;

/**
 * What a rule can ask of a room at `now` (t):
 * - `notStarted` t < start, `started` start ≤ t, `beforeEnd` t < end, `endReached` end ≤ t,
 *   `beforeGraceEnd` t < end + LIVE_END_GRACE_MS;
 * - `fresh`: a status was read within LIVE_STATUS_FRESH_MS;
 * - `replay`: a replay that has not expired;
 * - `{ status }`: the status read is one of these codes.
 */
export type PhaseFact =
	| 'notStarted'
	| 'started'
	| 'beforeEnd'
	| 'endReached'
	| 'beforeGraceEnd'
	| 'fresh'
	| 'replay'
	| { status: readonly number[] };

export interface PhaseRule {
	phase: LivePhase;
	/** All of these hold (a conjunction). */
	when: readonly PhaseFact[];
	/** Whether the rule reads the WeChat status (the schedule-only phase leaves these out). */
	byStatus: boolean;
}

const ON_AIR = [WX_LIVE_STATUS.live, WX_LIVE_STATUS.paused];
const OVER = [WX_LIVE_STATUS.ended, WX_LIVE_STATUS.expired];
const IN_WINDOW: readonly PhaseFact[] = ['fresh', 'started', 'beforeGraceEnd'];

/**
 * The rules, first match wins. Each is written to stand on its own (no rule relies on an earlier
 * one having failed for its meaning), so a rule's facts alone say which rooms it can cover — what
 * lets phase-sql.ts derive index-only candidate terms from them. The schedule's three rules cover
 * every instant, so some rule always matches.
 */
export const PHASE_RULES: readonly PhaseRule[] = [
	{ phase: 'live', when: [...IN_WINDOW, { status: ON_AIR }], byStatus: true },
	{ phase: 'replay', when: [...IN_WINDOW, { status: OVER }, 'replay'], byStatus: true },
	{ phase: 'ended', when: [...IN_WINDOW, { status: OVER }], byStatus: true },
	// A host who has not started yet keeps a room upcoming until its scheduled end.
	{
		phase: 'upcoming',
		when: ['fresh', 'started', 'beforeEnd', { status: [WX_LIVE_STATUS.notStarted] }],
		byStatus: true,
	},
	{ phase: 'upcoming', when: ['notStarted'], byStatus: false },
	{ phase: 'live', when: ['started', 'beforeEnd'], byStatus: false },
	{ phase: 'replay', when: ['endReached', 'replay'], byStatus: false },
	{ phase: 'ended', when: ['endReached'], byStatus: false },
];

/** The rules a reader applies: all, or the schedule's alone. */
export function selectPhaseRules(scheduleOnly = false): readonly PhaseRule[] {
	return scheduleOnly ? PHASE_RULES.filter((r) => !r.byStatus) : PHASE_RULES;
}

/**
 * What the phase depends on, as numbers: instants in UTC ms; `liveStatus` 0 when none was read;
 * `replayUntil` -Infinity without a replay, +Infinity for one that does not expire.
 */
export interface PhaseFacts {
	startAt: number;
	endAt: number;
	liveStatus: number;
	liveStatusAt: number;
	replayUntil: number;
}

type Test = (f: PhaseFacts, t: number) => boolean;

function compileFact(fact: PhaseFact): Test {
	if (typeof fact === 'object') {
		const codes = fact.status;
		return (f) => codes.includes(f.liveStatus);
	}
	switch (fact) {
		case 'notStarted':
			return (f, t) => t < f.startAt;
		case 'started':
			return (f, t) => f.startAt <= t;
		case 'beforeEnd':
			return (f, t) => t < f.endAt;
		case 'endReached':
			return (f, t) => f.endAt <= t;
		case 'beforeGraceEnd':
			return (f, t) => t < f.endAt + LIVE_END_GRACE_MS;
		case 'fresh':
			return (f, t) => f.liveStatus !== 0 && f.liveStatusAt >= t - LIVE_STATUS_FRESH_MS;
		case 'replay':
			return (f, t) => f.replayUntil > t;
	}
}

/**
 * The rules as one function over PhaseFacts. Each rule becomes a list of closures tried in order;
 * a room usually settles on its first fact (no fresh status), so search's facet loop pays a few
 * calls per room.
 */
export function compilePhaseCheck(
	scheduleOnly = false,
): (facts: PhaseFacts, now: number) => LivePhase {
	const rules = selectPhaseRules(scheduleOnly).map((r) => ({
		phase: r.phase,
		tests: r.when.map(compileFact),
	}));
	return (facts, now) => {
		for (const rule of rules) {
			let all = true;
			for (const test of rule.tests) {
				if (!test(facts, now)) {
					all = false;
					break;
				}
			}
			if (all) return rule.phase;
		}
		return 'ended';
	};
}
