-- Meilisearch documents carry the ids of a room's venues (src/lib/server/search/documents.ts), so
-- a room entering or leaving a venue — by a rule or a pick changed in the console, with no change
-- to the room itself — is queued for the external engine like any other change. The embedded
-- FTS5 index needs nothing: it reads room_venue at query time (search/venue-members.ts).
CREATE TRIGGER room_venue_search_ai AFTER INSERT ON room_venue BEGIN
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_venue_search_ad AFTER DELETE ON room_venue BEGIN
	INSERT INTO search_outbox(room_id, changed_at) VALUES (OLD.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
-- Documents pushed before venues existed lack the field: queue every room already in a venue.
INSERT INTO search_outbox(room_id, changed_at)
	SELECT DISTINCT room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room_venue WHERE true
	ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
