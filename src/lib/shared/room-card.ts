import type { LivePhase, RoomKind } from './status';

/** A name in both languages; English falls back to Chinese where none was given. */
export interface Bilingual {
	zh: string;
	en: string | null;
}

export interface HostSummary {
	name: Bilingual;
	title: Bilingual;
}

/** What a list shows of a room: plain data, safe to hand to an island. */
export interface RoomCard {
	id: number;
	kind: RoomKind;
	title: Bilingual;
	anchorName: string;
	startAt: Date;
	endAt: Date;
	phase: LivePhase;
	merchant: { id: number; name: Bilingual } | null;
	district: Bilingual;
	category: Bilingual;
	hosts: HostSummary[];
	/** Whether /go has a way in (src/lib/server/deeplink/watchability.ts); cards say when not. */
	watchable: boolean;
	/** The cover's image key (shared/image.ts), or null for none. */
	cover: string | null;
}

/** The text of a bilingual value for a locale. */
export function pickName(value: Bilingual, locale: 'zh-cn' | 'en'): string {
	return locale === 'en' ? (value.en ?? value.zh) : value.zh;
}

/**
 * Consecutive rooms grouped by an hour of theirs (by default the festival-zone hour they start
 * in; rooms arrive sorted by it).
 */
export function groupRoomsByHour<T extends { startAt: Date }>(
	rooms: T[],
	hourOf: (instant: Date) => number,
	instantOf: (room: T) => Date = (room) => room.startAt,
): { hour: number; rooms: T[] }[] {
	const groups: { hour: number; rooms: T[] }[] = [];
	for (const room of rooms) {
		const hour = hourOf(instantOf(room));
		const last = groups.at(-1);
		if (last && last.hour === hour) last.rooms.push(room);
		else groups.push({ hour, rooms: [room] });
	}
	return groups;
}
