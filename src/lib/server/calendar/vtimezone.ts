import { getZoneOffsetMinutes } from '../../shared/time';
import { formatUtcDateTime, formatUtcOffset } from './ics';

/**
 * A VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone, computed from the platform's time zone data
 * rather than shipped as a file: one observance from the start of the span, then one per offset
 * change inside it (no RRULE, so it is exact for the years it covers and says nothing beyond).
 * Clients that know the IANA name (most do) use their own data; the rest use this.
 */

const DAY_MS = 24 * 60 * 60_000;
const cache = new Map<string, string[]>();

/** The first instant (to the minute) in (lo, hi] whose offset differs from lo's. */
function findTransition(timeZone: string, lo: number, hi: number): number {
	const before = getZoneOffsetMinutes(new Date(lo), timeZone);
	while (hi - lo > 60_000) {
		const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
		if (getZoneOffsetMinutes(new Date(mid), timeZone) === before) lo = mid;
		else hi = mid;
	}
	return hi;
}

interface Observance {
	/** The instant the observance starts. */
	at: number;
	from: number;
	to: number;
}

function listObservances(timeZone: string, start: number, end: number): Observance[] {
	const first = getZoneOffsetMinutes(new Date(start), timeZone);
	const observances: Observance[] = [{ at: start, from: first, to: first }];
	let previous = first;
	for (let t = start; t < end; t += DAY_MS) {
		const next = Math.min(t + DAY_MS, end);
		const offset = getZoneOffsetMinutes(new Date(next), timeZone);
		if (offset !== previous) {
			observances.push({ at: findTransition(timeZone, t, next), from: previous, to: offset });
			previous = offset;
		}
	}
	return observances;
}

/**
 * VTIMEZONE content lines for `timeZone` covering the calendar years from `from` to `to` (UTC).
 * An observance whose offset is above the smallest offset of the span is DAYLIGHT, else STANDARD.
 */
export function buildVTimezone(timeZone: string, from: Date, to: Date): string[] {
	const start = Date.UTC(from.getUTCFullYear(), 0, 1);
	const end = Date.UTC(to.getUTCFullYear() + 1, 0, 1);
	const key = `${timeZone}|${start}|${end}`;
	const hit = cache.get(key);
	if (hit) return hit;
	const observances = listObservances(timeZone, start, end);
	const standard = Math.min(...observances.map((o) => o.to));
	const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
	for (const o of observances) {
		const kind = o.to > standard ? 'DAYLIGHT' : 'STANDARD';
		// DTSTART of an observance is the wall time before the change (in TZOFFSETFROM).
		const local = formatUtcDateTime(new Date(o.at + o.from * 60_000)).slice(0, -1);
		lines.push(
			`BEGIN:${kind}`,
			`DTSTART:${local}`,
			`TZOFFSETFROM:${formatUtcOffset(o.from)}`,
			`TZOFFSETTO:${formatUtcOffset(o.to)}`,
			`END:${kind}`,
		);
	}
	lines.push('END:VTIMEZONE');
	cache.set(key, lines);
	return lines;
}
