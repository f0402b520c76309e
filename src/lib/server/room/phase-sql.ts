import { sql, type SQL } from 'drizzle-orm';
import { room } from '../../../../db/schema';
import { LIVE_STATUS_FRESH_MS } from '../../shared/live-phase';
import { WX_LIVE_STATUS, type LivePhase, type PhaseFilter } from '../../shared/status';

/**
 * `deriveLivePhase` as a SQL expression, so lists can filter by phase in the query that pages them.
 * Keep in step with src/lib/shared/live-phase.ts; tests/unit/server/room/phase-sql.test.ts compares
 * the two over generated rooms.
 */
export function getLivePhaseSql(now: Date): SQL<LivePhase> {
	const t = now.getTime();
	const freshSince = t - LIVE_STATUS_FRESH_MS;
	const fresh = sql`(${room.liveStatus} is not null and ${room.liveStatusAt} >= ${freshSince})`;
	const replayOrEnded = sql`(case when ${room.replayUrl} is not null and (${room.replayExpiresAt} is null or ${room.replayExpiresAt} > ${t}) then 'replay' else 'ended' end)`;
	return sql<LivePhase>`(case
		when ${fresh} and ${room.liveStatus} in (${WX_LIVE_STATUS.live}, ${WX_LIVE_STATUS.paused}) then 'live'
		when ${fresh} and ${room.liveStatus} in (${WX_LIVE_STATUS.ended}, ${WX_LIVE_STATUS.expired}) then ${replayOrEnded}
		when ${fresh} and ${room.liveStatus} = ${WX_LIVE_STATUS.notStarted} and ${t} < ${room.endAt} then 'upcoming'
		when ${t} < ${room.startAt} then 'upcoming'
		when ${t} < ${room.endAt} then 'live'
		else ${replayOrEnded} end)`;
}

/** The condition for a citizen's phase filter; "ended" includes rooms with a replay. */
export function getPhaseFilterSql(phase: PhaseFilter, now: Date): SQL {
	const phaseSql = getLivePhaseSql(now);
	return phase === 'ended' ? sql`${phaseSql} in ('ended', 'replay')` : sql`${phaseSql} = ${phase}`;
}
