import { getZoneOffsetMinutes } from '../../shared/time';
import { escapeText, formatUtcDateTime, formatZonedDateTime, serializeLines } from './ics';
import { buildVTimezone } from './vtimezone';

/**
 * The portal's iCalendar documents: one room (`/rooms/{id}.ics`) or a personal list
 * (`/my/calendar.ics?rooms=…`). Output is a pure function of the rooms, so a feed only changes
 * when a room does, and clients that poll it see moves and cancellations:
 * - UID `room-{id}@{host}`: the same event in every download and feed, forever;
 * - SEQUENCE: seconds from 2024-01-01 to the room's `updated_at`, so it grows with every change
 *   (RFC 5545 asks for a number that increases on each significant revision);
 * - DTSTAMP and LAST-MODIFIED: `updated_at` (no METHOD, so DTSTAMP means LAST-MODIFIED, §3.8.7.2);
 * - times with TZID of the festival's zone and a VTIMEZONE for it (in UTC when a DST change makes
 *   the wall time ambiguous);
 * - STATUS:CANCELLED for a cancelled room, with a neutral title (see CalendarRoom.status).
 */

export const SEQUENCE_EPOCH_MS = Date.UTC(2024, 0, 1);
export const ALARM_TRIGGER = '-PT10M';

export interface CalendarRoom {
	id: number;
	/**
	 * `cancelled` rooms carry no title or description: only rooms the public could see were ever
	 * starred, but an id in a hand-made feed URL could name one that never was.
	 */
	status: 'confirmed' | 'cancelled';
	title: string;
	description: string;
	location: string;
	startAt: Date;
	endAt: Date;
	updatedAt: Date;
	/** The /go URL of the room: the one link that opens it. */
	url: string;
	categories: string[];
}

export interface CalendarDocument {
	/** `X-WR-CALNAME`, the name subscribing clients show. */
	name: string;
	timezone: string;
	/** The host that makes UIDs globally unique. */
	uidHost: string;
	/** The festival's first and last instants, so the VTIMEZONE covers it even when empty. */
	span: { start: Date; end: Date };
	rooms: CalendarRoom[];
	labels: { cancelledSummary: string; watch: string };
	/** A subscribed feed suggests how often to poll. */
	refreshInterval?: string;
}

/** SEQUENCE from `updated_at` (never negative). */
export function getSequence(updatedAt: Date): number {
	return Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH_MS) / 1000));
}

const HOUR_MS = 3600_000;

/**
 * Whether the zone's clock shows the instant's wall time twice (the hour repeated when DST ends):
 * a TZID time there would be read as the first one, so such times are written in UTC.
 */
function isAmbiguousWallTime(instant: Date, timeZone: string): boolean {
	const t = instant.getTime();
	const offsets = new Set(
		[-24, 0, 24].map((h) => getZoneOffsetMinutes(new Date(t + h * HOUR_MS), timeZone)),
	);
	const wall = t + getZoneOffsetMinutes(instant, timeZone) * 60_000;
	let readings = 0;
	for (const offset of offsets) {
		const candidate = wall - offset * 60_000;
		if (getZoneOffsetMinutes(new Date(candidate), timeZone) === offset) readings += 1;
	}
	return readings > 1;
}

function formatEventTime(name: 'DTSTART' | 'DTEND', instant: Date, timeZone: string): string {
	return isAmbiguousWallTime(instant, timeZone)
		? `${name}:${formatUtcDateTime(instant)}`
		: `${name};TZID=${timeZone}:${formatZonedDateTime(instant, timeZone)}`;
}

function buildEvent(room: CalendarRoom, doc: CalendarDocument): string[] {
	const tz = doc.timezone;
	const stamp = formatUtcDateTime(room.updatedAt);
	const lines = [
		'BEGIN:VEVENT',
		`UID:room-${room.id}@${doc.uidHost}`,
		`DTSTAMP:${stamp}`,
		`LAST-MODIFIED:${stamp}`,
		`SEQUENCE:${getSequence(room.updatedAt)}`,
		formatEventTime('DTSTART', room.startAt, tz),
		formatEventTime('DTEND', room.endAt, tz),
	];
	if (room.status === 'cancelled') {
		lines.push(`SUMMARY:${escapeText(doc.labels.cancelledSummary)}`, 'STATUS:CANCELLED');
		return [...lines, 'END:VEVENT'];
	}
	const description = [room.description.trim(), `${doc.labels.watch}: ${room.url}`]
		.filter(Boolean)
		.join('\n\n');
	lines.push(
		`SUMMARY:${escapeText(room.title)}`,
		`DESCRIPTION:${escapeText(description)}`,
		`LOCATION:${escapeText(room.location)}`,
		`URL:${room.url}`,
		'STATUS:CONFIRMED',
		'TRANSP:OPAQUE',
	);
	if (room.categories.length > 0) {
		lines.push(`CATEGORIES:${room.categories.map(escapeText).join(',')}`);
	}
	lines.push(
		'BEGIN:VALARM',
		'ACTION:DISPLAY',
		`DESCRIPTION:${escapeText(room.title)}`,
		`TRIGGER:${ALARM_TRIGGER}`,
		'END:VALARM',
		'END:VEVENT',
	);
	return lines;
}

/** A complete VCALENDAR document, CRLF-terminated and folded. */
export function buildCalendar(doc: CalendarDocument): string {
	const instants = [
		doc.span.start,
		doc.span.end,
		...doc.rooms.flatMap((r) => [r.startAt, r.endAt]),
	];
	const first = new Date(Math.min(...instants.map((d) => d.getTime())));
	const last = new Date(Math.max(...instants.map((d) => d.getTime())));
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//livefest//festival portal//ZH',
		'CALSCALE:GREGORIAN',
		`X-WR-CALNAME:${escapeText(doc.name)}`,
		`X-WR-TIMEZONE:${doc.timezone}`,
	];
	if (doc.refreshInterval) {
		lines.push(
			`REFRESH-INTERVAL;VALUE=DURATION:${doc.refreshInterval}`,
			`X-PUBLISHED-TTL:${doc.refreshInterval}`,
		);
	}
	lines.push(...buildVTimezone(doc.timezone, first, last));
	for (const room of doc.rooms) lines.push(...buildEvent(room, doc));
	lines.push('END:VCALENDAR');
	return serializeLines(lines);
}
