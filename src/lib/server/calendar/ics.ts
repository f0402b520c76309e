import { getZoneOffsetMinutes } from '../../shared/time';

/**
 * The low-level rules of RFC 5545 that every calendar client is strict about: TEXT escaping,
 * content lines folded at 75 octets (bytes of UTF-8, not characters), CRLF line ends.
 */

/** The longest content line in octets, excluding the CRLF (RFC 5545 §3.1). */
export const FOLD_OCTETS = 75;

/**
 * A TEXT value (§3.3.11): backslash, semicolon and comma escaped, any line break as `\n`, other
 * control characters dropped (they are not allowed in a content line).
 */
export function escapeText(value: string): string {
	let out = '';
	for (const ch of value.replace(/\r\n?/g, '\n')) {
		if (ch === '\\' || ch === ';' || ch === ',') out += `\\${ch}`;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\t') out += ' ';
		else if (ch >= ' ' && ch !== '\u007f') out += ch;
	}
	return out;
}

const NON_ASCII = /\P{ASCII}/u;

const utf8Length = (codePoint: number): number =>
	codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds one content line (§3.1): at most 75 octets per physical line, continuation lines start
 * with a single space (which counts towards their 75). Breaks only between code points, so a
 * Chinese character (3 octets) or an emoji (4) is never split.
 */
export function foldLine(line: string): string {
	// Most lines fit: a UTF-16 code unit is at most 3 octets, an ASCII one exactly 1.
	if (line.length * 3 <= FOLD_OCTETS || (line.length <= FOLD_OCTETS && !NON_ASCII.test(line)))
		return line;
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const ch of line) {
		const size = utf8Length(ch.codePointAt(0)!);
		const limit = parts.length === 0 ? FOLD_OCTETS : FOLD_OCTETS - 1;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += ch;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** Content lines as an iCalendar stream: each folded, each ended with CRLF. */
export function serializeLines(lines: string[]): string {
	return lines.map((l) => `${foldLine(l)}\r\n`).join('');
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A UTC DATE-TIME (`20260607T113000Z`). */
export function formatUtcDateTime(instant: Date): string {
	return instant
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** The wall-clock DATE-TIME in a zone, for use with a TZID parameter (`20260607T193000`). */
export function formatZonedDateTime(instant: Date, timeZone: string): string {
	const offset = getZoneOffsetMinutes(instant, timeZone);
	return formatUtcDateTime(new Date(instant.getTime() + offset * 60_000)).slice(0, -1);
}

/** A UTC offset as iCalendar writes it (`+0800`, `-0330`). */
export function formatUtcOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}
