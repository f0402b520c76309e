import { TALLY_SLOT_MS } from '../../../../db/schema/tally';
import { getZoneOffsetMinutes } from '../../shared/time';

function pad(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

/**
 * `YYYY-MM-DD HH:MM` in the zone, as `formatStamp` (staff/format.ts) writes it, for exports of
 * hundreds of thousands of instants: `Intl` is asked for the zone's offset once per 15-minute
 * slot (every offset change falls on a slot boundary; a slot whose two ends disagree is formatted
 * exactly, minute by minute), and the wall time is then plain UTC arithmetic — about fifty
 * times cheaper than two `formatToParts` calls per instant.
 */
export function createStampFormatter(timeZone: string): (instant: Date | null) => string {
	const offsets = new Map<number, number | null>();
	const offsetAt = (t: number): number => {
		const slot = Math.floor(t / TALLY_SLOT_MS);
		let offset = offsets.get(slot);
		if (offset === undefined) {
			const start = getZoneOffsetMinutes(new Date(slot * TALLY_SLOT_MS), timeZone);
			const end = getZoneOffsetMinutes(new Date((slot + 1) * TALLY_SLOT_MS - 60_000), timeZone);
			offset = start === end ? start : null;
			offsets.set(slot, offset);
		}
		return offset ?? getZoneOffsetMinutes(new Date(t), timeZone);
	};
	return (instant) => {
		if (!instant) return '';
		const t = instant.getTime();
		const wall = new Date(t + offsetAt(t) * 60_000);
		return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
	};
}
