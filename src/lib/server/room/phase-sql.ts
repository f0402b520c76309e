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

/**
 * The condition for a citizen's phase filter; "ended" includes rooms with a replay. Each comes with
 * a redundant candidate term on columns of room_public_window_idx alone (a room in the phase is
 * either in its scheduled window for it or has a fresh plugin status), so SQLite rules out most
 * of a day's rooms on the index before it reads any row. `longestMs` (the festival's longest room,
 * room/tally.ts) narrows the range an upcoming filter reads.
 */
export function getPhaseFilterSql(phase: PhaseFilter, now: Date, longestMs?: number): SQL {
	const t = now.getTime();
	const fresh = sql`${room.liveStatusAt} >= ${t - LIVE_STATUS_FRESH_MS}`;
	const phaseSql = getLivePhaseSql(now);
	switch (phase) {
		case 'live':
			return sql`((${room.startAt} <= ${t} and ${room.endAt} > ${t}) or ${fresh}) and ${phaseSql} = 'live'`;
		case 'upcoming': {
			// A room not started by the plugin's word still ends after `now`, so it started at most
			// the longest room's length ago: the range to read starts there.
			const since = longestMs === undefined ? sql`` : sql`${room.startAt} > ${t - longestMs} and `;
			return sql`${since}(${room.startAt} > ${t} or ${fresh}) and ${phaseSql} = 'upcoming'`;
		}
		case 'ended':
			return sql`(${room.endAt} <= ${t} or ${fresh}) and ${phaseSql} in ('ended', 'replay')`;
	}
}
