import type Database from 'better-sqlite3';
import { isWatchableRoom } from '../deeplink/watchability';

/**
 * Registers the SQL functions the room triggers call (db/migrations/0021_watchable_rooms.sql):
 * `lf_watchable(app_id, room_page_path, url_link, wx_room_id)` is deeplink/watchability.ts itself,
 * so the flag lists sort by and the button /go shows can never disagree.
 */
export function registerRoomFunctions(sqlite: Database.Database): void {
	sqlite.function('lf_watchable', { deterministic: true }, (appId, path, urlLink, wxRoomId) =>
		isWatchableRoom(
			appId as string | null,
			path as string | null,
			urlLink as string | null,
			wxRoomId === null ? null : Number(wxRoomId),
		)
			? 1
			: 0,
	);
}
