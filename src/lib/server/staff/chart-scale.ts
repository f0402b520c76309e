/**
 * Small helpers for the dashboard's server-rendered SVG charts: a "nice" axis maximum and a
 * sequential colour scale that stays readable on a washed-out projector (never paler than the
 * first step, never darker than the site's accent).
 */

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (at least 1). */
export function getNiceMax(value: number): number {
	if (value <= 1) return 1;
	const power = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 2.5, 5, 10]) {
		if (step * power >= value) return step * power;
	}
	return 10 * power;
}

const LIGHT = [253, 236, 238];
const DARK = [122, 10, 25];

/** A fill for `value` out of `max`: white for zero, then light pink to deep red. */
export function getHeatColor(value: number, max: number): string {
	if (value <= 0 || max <= 0) return '#ffffff';
	const x = 0.15 + 0.85 * Math.min(1, value / max);
	const mix = LIGHT.map((l, i) => Math.round(l + (DARK[i]! - l) * x));
	return `rgb(${mix.join(' ')})`;
}

/** Whether text on that fill should be white (dark fills) or ink. */
export function needsLightText(value: number, max: number): boolean {
	return max > 0 && value / max > 0.45;
}
