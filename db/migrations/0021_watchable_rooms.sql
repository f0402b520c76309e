-- room.watchable (db/schema/room.ts): 1 while /go has a way into the room. The rule is written once,
-- in JavaScript (src/lib/server/deeplink/watchability.ts, the same builder /go uses), and called
-- here as lf_watchable(app_id, room_page_path, url_link, wx_room_id), which openDatabase registers
-- on every connection (src/lib/server/room/sql-functions.ts). Kept in the writer's transaction on
-- every change of a room's carrier or WeChat id and of a merchant's mini program; an UPDATE that
-- would not change the flag is skipped.
CREATE TRIGGER room_watchable_ai AFTER INSERT ON room BEGIN
	UPDATE room SET watchable = coalesce((SELECT lf_watchable(m.app_id, m.room_page_path, m.url_link,
		NEW.wx_room_id) FROM merchant m WHERE m.id = NEW.merchant_id), 0)
	WHERE id = NEW.id AND watchable IS NOT coalesce((SELECT lf_watchable(m.app_id, m.room_page_path,
		m.url_link, NEW.wx_room_id) FROM merchant m WHERE m.id = NEW.merchant_id), 0);
END;
--> statement-breakpoint
CREATE TRIGGER room_watchable_au AFTER UPDATE OF merchant_id, wx_room_id ON room BEGIN
	UPDATE room SET watchable = coalesce((SELECT lf_watchable(m.app_id, m.room_page_path, m.url_link,
		NEW.wx_room_id) FROM merchant m WHERE m.id = NEW.merchant_id), 0)
	WHERE id = NEW.id AND watchable IS NOT coalesce((SELECT lf_watchable(m.app_id, m.room_page_path,
		m.url_link, NEW.wx_room_id) FROM merchant m WHERE m.id = NEW.merchant_id), 0);
END;
--> statement-breakpoint
CREATE TRIGGER merchant_watchable_au AFTER UPDATE OF app_id, room_page_path, url_link ON merchant BEGIN
	UPDATE room SET watchable = lf_watchable(NEW.app_id, NEW.room_page_path, NEW.url_link, wx_room_id)
	WHERE merchant_id = NEW.id
		AND watchable IS NOT lf_watchable(NEW.app_id, NEW.room_page_path, NEW.url_link, wx_room_id);
END;
--> statement-breakpoint
-- Backfill.
UPDATE room SET watchable = coalesce((SELECT lf_watchable(m.app_id, m.room_page_path, m.url_link,
	room.wx_room_id) FROM merchant m WHERE m.id = room.merchant_id), 0);
--> statement-breakpoint
-- The page caches must follow the new public columns too (0010's rule: every column a public page
-- shows is in the WHEN): the cover the image worker sets, and watchability.
DROP TRIGGER room_change_au;
--> statement-breakpoint
CREATE TRIGGER room_change_au AFTER UPDATE ON room
WHEN (OLD.is_public = 1 OR NEW.is_public = 1) AND (
	OLD.is_public IS NOT NEW.is_public OR OLD.festival_id IS NOT NEW.festival_id
	OR OLD.merchant_id IS NOT NEW.merchant_id OR OLD.kind IS NOT NEW.kind
	OR OLD.title IS NOT NEW.title OR OLD.title_en IS NOT NEW.title_en
	OR OLD.description IS NOT NEW.description OR OLD.description_en IS NOT NEW.description_en
	OR OLD.anchor_name IS NOT NEW.anchor_name OR OLD.cover_url IS NOT NEW.cover_url
	OR OLD.cover_key IS NOT NEW.cover_key OR OLD.watchable IS NOT NEW.watchable
	OR OLD.district_id IS NOT NEW.district_id OR OLD.category_id IS NOT NEW.category_id
	OR OLD.start_at IS NOT NEW.start_at OR OLD.end_at IS NOT NEW.end_at
	OR OLD.wx_room_id IS NOT NEW.wx_room_id OR OLD.live_status IS NOT NEW.live_status
	OR OLD.live_status_at IS NOT NEW.live_status_at OR OLD.replay_url IS NOT NEW.replay_url
	OR OLD.replay_expires_at IS NOT NEW.replay_expires_at
	OR OLD.featured_rank IS NOT NEW.featured_rank OR OLD.tags IS NOT NEW.tags
	OR OLD.updated_at IS NOT NEW.updated_at
) BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n
			UNION ALL SELECT 'room:' || NEW.id, 2
			UNION ALL SELECT 'merchant-rooms:' || OLD.merchant_id, 3 WHERE OLD.merchant_id IS NOT NULL
			UNION ALL SELECT 'merchant-rooms:' || NEW.merchant_id, 4
				WHERE NEW.merchant_id IS NOT NULL AND NEW.merchant_id IS NOT OLD.merchant_id) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
