import { getInstantFromZoned } from '../../shared/time';

/**
 * Instants grouped by the festival zone's days and hours through a sorted list of edges (the
 * instants each day or hour begins), found by binary search: DST-proof, and far cheaper than
 * formatting each instant in the zone with `Intl`.
 */

/** The instant each hour of each day begins, in the zone, in order (24 per day). */
export function listHourEdges(days: readonly string[], timeZone: string): number[] {
	const edges: number[] = [];
	for (const day of days) {
		for (let h = 0; h < 24; h += 1) edges.push(getInstantFromZoned(day, h, 0, timeZone).getTime());
	}
	return edges;
}

/** Index of the last edge at or before `t`; -1 before the first. */
export function findBucket(edges: readonly number[], t: number): number {
	if (edges.length === 0 || t < edges[0]!) return -1;
	let lo = 0;
	let hi = edges.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (edges[mid]! <= t) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}
