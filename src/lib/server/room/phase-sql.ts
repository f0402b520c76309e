import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import {
	LIVE_END_GRACE_MS,
	LIVE_STATUS_FRESH_MS,
	PHASE_RULES,
	selectPhaseRules,
	type PhaseFact,
} from '../../shared/phase-rule';
import type { LivePhase, PhaseFilter } from '../../shared/status';

/**
 * The live phase in SQL, compiled from the rules of src/lib/shared/phase-rule.ts (the same rules
 * `deriveLivePhase` and search's in-memory check run), so lists can filter and count by phase in
 * the statement that pages them. tests/unit/server/room/phase-sql.test.ts compares the forms.
 */

function factSql(fact: PhaseFact, t: number): SQL {
	if (typeof fact === 'object') {
		return sql`${room.liveStatus} in (${sql.join(
			fact.status.map((s) => sql`${s}`),
			sql`, `,
		)})`;
	}
	switch (fact) {
		case 'notStarted':
			return sql`${room.startAt} > ${t}`;
		case 'started':
			return sql`${room.startAt} <= ${t}`;
		case 'beforeEnd':
			return sql`${room.endAt} > ${t}`;
		case 'endReached':
			return sql`${room.endAt} <= ${t}`;
		case 'beforeGraceEnd':
			return sql`${room.endAt} > ${t - LIVE_END_GRACE_MS}`;
		case 'fresh':
			return sql`(${room.liveStatus} is not null and ${room.liveStatusAt} >= ${t - LIVE_STATUS_FRESH_MS})`;
		case 'replay':
			return sql`(${room.replayUrl} is not null and (${room.replayExpiresAt} is null or ${room.replayExpiresAt} > ${t}))`;
	}
}

/** The columns an index-only phase check reads: room's own, or a copy's (room_venue). */
export interface PhaseColumns {
	startAt: SQLWrapper;
	endAt: SQLWrapper;
	liveStatusAt: SQLWrapper;
}

const ROOM_PHASE_COLUMNS: PhaseColumns = {
	startAt: room.startAt,
	endAt: room.endAt,
	liveStatusAt: room.liveStatusAt,
};

/**
 * A fact weakened to the columns of the public-room indexes (start_at, end_at, live_status_at):
 * a status is on the row only, so it becomes "true"; `fresh` keeps its time. What remains holds
 * for every room the fact holds for.
 */
function indexFactSql(fact: PhaseFact, t: number, c: PhaseColumns): SQL | null {
	if (typeof fact === 'object' || fact === 'replay') return null;
	switch (fact) {
		case 'fresh':
			return sql`${c.liveStatusAt} >= ${t - LIVE_STATUS_FRESH_MS}`;
		case 'notStarted':
			return sql`${c.startAt} > ${t}`;
		case 'started':
			return sql`${c.startAt} <= ${t}`;
		case 'beforeEnd':
			return sql`${c.endAt} > ${t}`;
		case 'endReached':
			return sql`${c.endAt} <= ${t}`;
		case 'beforeGraceEnd':
			return sql`${c.endAt} > ${t - LIVE_END_GRACE_MS}`;
	}
}

function conjunction(parts: SQL[]): SQL {
	return parts.length === 0 ? sql`1` : sql`(${sql.join(parts, sql` and `)})`;
}

/**
 * `deriveLivePhase` as a SQL expression; `scheduleOnly` leaves out the rules that read the WeChat
 * status (the tally counts by the schedule and corrects for rooms with a fresh status).
 */
export function getLivePhaseSql(now: Date, scheduleOnly = false): SQL<LivePhase> {
	const t = now.getTime();
	const cases = selectPhaseRules(scheduleOnly).map(
		(rule) => sql`when ${conjunction(rule.when.map((f) => factSql(f, t)))} then ${rule.phase}`,
	);
	return sql<LivePhase>`(case ${sql.join(cases, sql` `)} else 'ended' end)`;
}

/** The phases a citizen's filter covers: "ended" includes rooms with a replay. */
function phasesOf(filter: PhaseFilter): readonly LivePhase[] {
	return filter === 'ended' ? ['ended', 'replay'] : [filter];
}

/**
 * A condition every room in the filter's phase meets, on index columns alone: the rules of that
 * phase, each weakened to what the public-room indexes hold. SQLite rules out most of a day's
 * rooms on the index before it reads any row.
 */
export function getPhaseCandidateSql(
	filter: PhaseFilter,
	now: Date,
	columns: PhaseColumns = ROOM_PHASE_COLUMNS,
): SQL {
	const t = now.getTime();
	const wanted = phasesOf(filter);
	const arms = PHASE_RULES.filter((r) => wanted.includes(r.phase)).map((r) =>
		conjunction(r.when.flatMap((f) => indexFactSql(f, t, columns) ?? [])),
	);
	return sql`(${sql.join(arms, sql` or `)})`;
}

/**
 * The condition for a citizen's phase filter: the index-only candidate terms, then the phase.
 * `longestMs` (the festival's longest room, room/tally.ts) bounds how far back a room still live
 * or upcoming can have started, so the range read starts there.
 */
export function getPhaseFilterSql(
	phase: PhaseFilter,
	now: Date,
	longestMs?: number,
	columns: PhaseColumns = ROOM_PHASE_COLUMNS,
): SQL {
	const t = now.getTime();
	const since =
		longestMs === undefined || phase === 'ended'
			? sql``
			: sql`${columns.startAt} > ${t - longestMs - LIVE_END_GRACE_MS} and `;
	const phaseSql = getLivePhaseSql(now);
	const test =
		phase === 'ended' ? sql`${phaseSql} in ('ended', 'replay')` : sql`${phaseSql} = ${phase}`;
	return sql`${since}${getPhaseCandidateSql(phase, now, columns)} and ${test}`;
}
