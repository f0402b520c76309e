import type { Locale } from '../../shared/time';
import { formatIsoWithOffset } from '../../shared/time';
import { pickName } from '../../shared/room-card';
import type { RoomDetail } from './detail';

/**
 * A schema.org `Event` for a room, so search engines and assistants can list it as an online
 * event. Returned as a string safe to put inside `<script type="application/ld+json">`: `<` is
 * escaped so a title containing `</script>` cannot end the element.
 */
export function buildRoomEventJsonLd(
	room: RoomDetail,
	options: { locale: Locale; timezone: string; url: string },
): string {
	const { locale, timezone, url } = options;
	const data = {
		'@context': 'https://schema.org',
		'@type': 'Event',
		name: pickName(room.title, locale),
		description: pickName(room.description, locale) || undefined,
		startDate: formatIsoWithOffset(room.startAt, timezone),
		endDate: formatIsoWithOffset(room.endAt, timezone),
		eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
		eventStatus: 'https://schema.org/EventScheduled',
		inLanguage: locale === 'en' ? 'en' : 'zh-CN',
		location: { '@type': 'VirtualLocation', url },
		url,
		organizer: room.merchant
			? { '@type': 'Organization', name: pickName(room.merchant.name, locale) }
			: undefined,
		performer: room.anchorName ? { '@type': 'Person', name: room.anchorName } : undefined,
	};
	return JSON.stringify(data).replace(/</g, '\\u003c');
}
