import type { Locale } from './time';

export interface CountdownLabels {
	/** `{time}` is replaced by a duration. */
	startsIn: string;
	left: string;
	startingNow: string;
}

const MINUTE = 60_000;

/** `1 小时 5 分钟` / `1 h 5 min`, rounded up to the minute so "0 minutes" never shows. */
export function formatDuration(ms: number, locale: Locale): string {
	const total = Math.max(1, Math.ceil(ms / MINUTE));
	const hours = Math.floor(total / 60);
	const minutes = total % 60;
	const [h, m] = locale === 'en' ? [' h', ' min'] : [' 小时', ' 分钟'];
	if (hours === 0) return `${minutes}${m}`;
	return minutes === 0 ? `${hours}${h}` : `${hours}${h} ${minutes}${m}`;
}

/**
 * What a countdown says at `now`: time to the start, then time left, then nothing. The room page
 * renders it on the server and the island repeats it every few seconds.
 */
export function describeCountdown(
	startAt: number,
	endAt: number,
	now: number,
	locale: Locale,
	labels: CountdownLabels,
): string {
	if (now < startAt) {
		return startAt - now < MINUTE
			? labels.startingNow
			: labels.startsIn.replace('{time}', formatDuration(startAt - now, locale));
	}
	if (now < endAt) return labels.left.replace('{time}', formatDuration(endAt - now, locale));
	return '';
}
