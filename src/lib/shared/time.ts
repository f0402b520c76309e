/**
 * Time in the festival's zone, whatever the server's zone is. Instants are `Date`s (UTC); a "day key"
 * is a calendar date `YYYY-MM-DD` in the festival's zone. Formatters are cached: constructing an
 * `Intl.DateTimeFormat` costs far more than using one, and list pages format thousands of times.
 */

export type Locale = 'zh-cn' | 'en';

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let cached = formatters.get(key);
	if (!cached) {
		cached = new Intl.DateTimeFormat(locale, options);
		formatters.set(key, cached);
	}
	return cached;
}

export interface ZonedParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

/** One `formatToParts` formatter per zone (the options never change). */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Wall-clock fields by zone and UTC minute. They depend on nothing finer than the minute, so this
 * is exact; a list page asks for the same few dozen start and end minutes hundreds of times (every
 * card's clock, every calendar event's offset), and `formatToParts` costs ~10 µs a call. Emptied
 * when full, so it never grows past MAX_MEMO_PARTS entries.
 */
const zonedParts = new Map<string, Readonly<ZonedParts>>();
const MAX_MEMO_PARTS = 20_000;

/** The wall-clock fields of an instant in a time zone. */
export function getZonedParts(instant: Date, timeZone: string): Readonly<ZonedParts> {
	const key = `${timeZone}|${Math.floor(instant.getTime() / 60_000)}`;
	const known = zonedParts.get(key);
	if (known) return known;
	let format = partsFormatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
		});
		partsFormatters.set(timeZone, format);
	}
	const parts = format.formatToParts(instant);
	const get = (type: Intl.DateTimeFormatPartTypes): number =>
		Number(parts.find((p) => p.type === type)?.value);
	const fields = Object.freeze({
		year: get('year'),
		month: get('month'),
		day: get('day'),
		hour: get('hour'),
		minute: get('minute'),
	});
	if (zonedParts.size >= MAX_MEMO_PARTS) zonedParts.clear();
	zonedParts.set(key, fields);
	return fields;
}

/** Offset of the zone from UTC at an instant, in minutes (Asia/Shanghai: 480). */
export function getZoneOffsetMinutes(instant: Date, timeZone: string): number {
	const p = getZonedParts(instant, timeZone);
	const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
	const truncated = Math.floor(instant.getTime() / 60_000) * 60_000;
	return Math.round((asUtc - truncated) / 60_000);
}

/**
 * The instant at which the zone's clock shows the given wall time. Two passes settle the offset
 * across a DST change; a wall time skipped by DST resolves to the instant after the gap.
 */
export function getInstantFromZoned(
	dayKey: string,
	hour: number,
	minute: number,
	timeZone: string,
): Date {
	const { year, month, day } = parseDayKeyStrict(dayKey);
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	let guess = wall - getZoneOffsetMinutes(new Date(wall), timeZone) * 60_000;
	guess = wall - getZoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
	return new Date(guess);
}

/** The festival-zone calendar date of an instant. */
export function getDayKey(instant: Date, timeZone: string): string {
	const p = getZonedParts(instant, timeZone);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Start (inclusive) and end (exclusive) instants of a festival-zone day. */
export function getDayBounds(dayKey: string, timeZone: string): { start: Date; end: Date } {
	return {
		start: getInstantFromZoned(dayKey, 0, 0, timeZone),
		end: getInstantFromZoned(addDays(dayKey, 1), 0, 0, timeZone),
	};
}

/** Whether a string is a real calendar date `YYYY-MM-DD` (rejects 2026-02-30). */
export function isDayKey(value: string): boolean {
	const m = DAY_KEY.exec(value);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parseDayKeyStrict(dayKey: string): { year: number; month: number; day: number } {
	if (!isDayKey(dayKey)) throw new RangeError(`Not a calendar date: ${dayKey}`);
	const [year, month, day] = dayKey.split('-').map(Number) as [number, number, number];
	return { year, month, day };
}

/** The day key `n` calendar days after (or before) another. */
export function addDays(dayKey: string, n: number): string {
	const { year, month, day } = parseDayKeyStrict(dayKey);
	const d = new Date(Date.UTC(year, month - 1, day + n));
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Every day key from `first` to `last`, inclusive. */
export function listDays(first: string, last: string): string[] {
	const days: string[] = [];
	for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
	return days;
}

function pad(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

/** `19:30`: a 24-hour clock time in the zone, the same in both languages. */
export function formatClock(instant: Date, timeZone: string): string {
	const p = getZonedParts(instant, timeZone);
	return `${pad(p.hour)}:${pad(p.minute)}`;
}

const DAY_STYLES = {
	long: { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' },
	short: { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' },
	compact: { timeZone: 'UTC', month: 'short', day: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A day key as people read it: long `2026年6月6日星期六`, short `6月6日周六` / `Sat 6 Jun`,
 * compact `6月6日` / `6 Jun`.
 */
export function formatDay(
	dayKey: string,
	locale: Locale,
	style: keyof typeof DAY_STYLES = 'short',
): string {
	const { year, month, day } = parseDayKeyStrict(dayKey);
	const options: Intl.DateTimeFormatOptions = DAY_STYLES[style];
	return formatter(locale === 'en' ? 'en-GB' : 'zh-CN', options).format(
		new Date(Date.UTC(year, month - 1, day)),
	);
}

/** The zone's offset as `UTC+8` (or `UTC−3:30`), to state next to every time shown. */
export function formatZoneOffset(instant: Date, timeZone: string): string {
	const minutes = getZoneOffsetMinutes(instant, timeZone);
	const sign = minutes < 0 ? '−' : '+';
	const abs = Math.abs(minutes);
	const rest = abs % 60;
	return `UTC${sign}${Math.floor(abs / 60)}${rest ? `:${pad(rest)}` : ''}`;
}

/** ISO 8601 with the zone's offset (`2026-06-06T19:30:00+08:00`), as schema.org wants. */
export function formatIsoWithOffset(instant: Date, timeZone: string): string {
	const minutes = getZoneOffsetMinutes(instant, timeZone);
	const local = new Date(instant.getTime() + minutes * 60_000);
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	const stamp = local.toISOString().slice(0, 19);
	return `${stamp}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
