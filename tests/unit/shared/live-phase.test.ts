import { describe, expect, it } from 'vitest';
import {
	deriveLivePhase,
	LIVE_END_GRACE_MS,
	LIVE_STATUS_FRESH_MS,
	type PhaseInput,
} from '../../../src/lib/shared/live-phase';

const start = new Date('2026-06-06T11:00:00Z');
const end = new Date('2026-06-06T13:00:00Z');
const scheduled: PhaseInput = {
	startAt: start,
	endAt: end,
	liveStatus: null,
	liveStatusAt: null,
	replayUrl: null,
	replayExpiresAt: null,
};
const at = (iso: string) => new Date(iso);
const after = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

describe('deriveLivePhase from the schedule', () => {
	it('is upcoming before the start', () => {
		expect(deriveLivePhase(scheduled, at('2026-06-06T10:59:59Z'))).toBe('upcoming');
	});
	it('is live from the start instant until just before the end', () => {
		expect(deriveLivePhase(scheduled, start)).toBe('live');
		expect(deriveLivePhase(scheduled, at('2026-06-06T12:59:59Z'))).toBe('live');
	});
	it('is ended at the end instant', () => {
		expect(deriveLivePhase(scheduled, end)).toBe('ended');
	});
	it('is a replay after the end while the replay has not expired', () => {
		const room = {
			...scheduled,
			replayUrl: 'https://example.com/r.mp4',
			replayExpiresAt: at('2026-06-09T00:00:00Z'),
		};
		expect(deriveLivePhase(room, at('2026-06-07T00:00:00Z'))).toBe('replay');
		expect(deriveLivePhase(room, at('2026-06-09T00:00:00Z'))).toBe('ended');
	});
});

describe('deriveLivePhase with a WeChat status read by a sync', () => {
	const readAt = at('2026-06-06T11:10:00Z');
	it('a fresh 102 (not started) keeps a late host upcoming after the scheduled start', () => {
		const room = { ...scheduled, liveStatus: 102, liveStatusAt: readAt };
		expect(deriveLivePhase(room, at('2026-06-06T11:12:00Z'))).toBe('upcoming');
	});
	it('a fresh 101 before the scheduled start leaves the room upcoming: the schedule decides', () => {
		const tomorrow = {
			...scheduled,
			startAt: at('2026-06-07T04:00:00Z'),
			endAt: at('2026-06-07T06:00:00Z'),
			liveStatus: 101,
			liveStatusAt: at('2026-06-06T13:38:00Z'),
		};
		const room = { ...scheduled, liveStatus: 101, liveStatusAt: at('2026-06-06T10:50:00Z') };
		expect([
			deriveLivePhase(tomorrow, at('2026-06-06T13:40:00Z')),
			deriveLivePhase(room, at('2026-06-06T10:55:00Z')),
		]).toEqual(['upcoming', 'upcoming']);
	});
	it('a fresh 105 (paused) counts as live', () => {
		const room = { ...scheduled, liveStatus: 105, liveStatusAt: readAt };
		expect(deriveLivePhase(room, at('2026-06-06T11:15:00Z'))).toBe('live');
	});
	it('a fresh 103 ends a room early', () => {
		const room = { ...scheduled, liveStatus: 103, liveStatusAt: readAt };
		expect(deriveLivePhase(room, at('2026-06-06T11:20:00Z'))).toBe('ended');
	});
	it('a fresh 101 keeps a host who runs over live through the grace after the end, not beyond', () => {
		const lastRead = (t: Date) => ({
			...scheduled,
			liveStatus: 101,
			liveStatusAt: after(t, -60_000),
		});
		const inGrace = after(end, LIVE_END_GRACE_MS - 1);
		const pastGrace = after(end, LIVE_END_GRACE_MS);
		expect([
			deriveLivePhase(lastRead(inGrace), inGrace),
			deriveLivePhase(lastRead(pastGrace), pastGrace),
		]).toEqual(['live', 'ended']);
	});
	it('a stale status is ignored and the schedule decides', () => {
		const room = { ...scheduled, liveStatus: 103, liveStatusAt: readAt };
		const later = new Date(readAt.getTime() + LIVE_STATUS_FRESH_MS + 1);
		expect(deriveLivePhase(room, later)).toBe('live');
	});
});
