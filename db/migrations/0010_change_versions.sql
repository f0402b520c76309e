-- What changed, for every process's page cache (src/serve/change-feed.ts, issue 13). Each scope a
-- public page can depend on (src/lib/server/cache/change-scope.ts) has one row holding the global
-- sequence number of its latest change and when that change was written (wall-clock ms, never the
-- pinned LIVEFEST_NOW). Writers are serialised by SQLite's write lock and take max(seq) + 1 inside
-- their transaction, so sequence numbers commit in order and a reader's `seq > ?` (one range of
-- change_version_seq_idx) never skips a change. The rows are kept here, in the writer's
-- transaction, for every writer (the portal, the CLI import and sync, a second server).
-- Scopes: 'festival' (festival, districts, categories: every page's frame), 'lists' (any public
-- room, its products or hosts, or an approved merchant: home, schedule, search, showcase),
-- 'room:<id>', 'merchant:<id>' (its profile) and 'merchant-rooms:<id>' (the set of its public rooms).
-- Only public rows count: a draft's edit changes no public page. A room's update counts only when
-- a column some public page shows differs (wx_reported_at, wx_missing_since, review_note,
-- created_at do not); add a new public column of room to the WHEN of room_change_au.
CREATE TABLE `change_version` (
	`scope` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`changed_at` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `change_version_seq_idx` ON `change_version` (`seq`);
--> statement-breakpoint
CREATE TRIGGER room_change_ai AFTER INSERT ON room WHEN NEW.is_public = 1 BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n
			UNION ALL SELECT 'merchant-rooms:' || NEW.merchant_id, 2 WHERE NEW.merchant_id IS NOT NULL) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER room_change_au AFTER UPDATE ON room
WHEN (OLD.is_public = 1 OR NEW.is_public = 1) AND (
	OLD.is_public IS NOT NEW.is_public OR OLD.festival_id IS NOT NEW.festival_id
	OR OLD.merchant_id IS NOT NEW.merchant_id OR OLD.kind IS NOT NEW.kind
	OR OLD.title IS NOT NEW.title OR OLD.title_en IS NOT NEW.title_en
	OR OLD.description IS NOT NEW.description OR OLD.description_en IS NOT NEW.description_en
	OR OLD.anchor_name IS NOT NEW.anchor_name OR OLD.cover_url IS NOT NEW.cover_url
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
--> statement-breakpoint
CREATE TRIGGER room_change_ad AFTER DELETE ON room WHEN OLD.is_public = 1 BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n
			UNION ALL SELECT 'room:' || OLD.id, 2
			UNION ALL SELECT 'merchant-rooms:' || OLD.merchant_id, 3 WHERE OLD.merchant_id IS NOT NULL) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
-- Products and hosts of a public room: its page, the lists (search reads products, cards show
-- hosts) and, for hosts, its merchant's page.
CREATE TRIGGER room_product_change_ai AFTER INSERT ON room_product
WHEN EXISTS (SELECT 1 FROM room WHERE id = NEW.room_id AND is_public = 1) BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n UNION ALL SELECT 'room:' || NEW.room_id, 2) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER room_product_change_au AFTER UPDATE ON room_product
WHEN EXISTS (SELECT 1 FROM room WHERE id IN (OLD.room_id, NEW.room_id) AND is_public = 1) BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n
			UNION ALL SELECT 'room:' || OLD.room_id, 2
			UNION ALL SELECT 'room:' || NEW.room_id, 3 WHERE NEW.room_id IS NOT OLD.room_id) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER room_product_change_ad AFTER DELETE ON room_product
WHEN EXISTS (SELECT 1 FROM room WHERE id = OLD.room_id AND is_public = 1) BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n UNION ALL SELECT 'room:' || OLD.room_id, 2) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER showcase_host_change_ai AFTER INSERT ON showcase_host
WHEN EXISTS (SELECT 1 FROM room WHERE id = NEW.room_id AND is_public = 1) BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n
			UNION ALL SELECT 'room:' || NEW.room_id, 2
			UNION ALL SELECT 'merchant-rooms:' || r.merchant_id, 3 FROM room r
				WHERE r.id = NEW.room_id AND r.merchant_id IS NOT NULL) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER showcase_host_change_au AFTER UPDATE ON showcase_host
WHEN EXISTS (SELECT 1 FROM room WHERE id IN (OLD.room_id, NEW.room_id) AND is_public = 1) BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n
			UNION ALL SELECT 'room:' || OLD.room_id, 2
			UNION ALL SELECT 'room:' || NEW.room_id, 3 WHERE NEW.room_id IS NOT OLD.room_id
			UNION ALL SELECT 'merchant-rooms:' || r.merchant_id, 4 FROM room r
				WHERE r.id = NEW.room_id AND r.merchant_id IS NOT NULL) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER showcase_host_change_ad AFTER DELETE ON showcase_host
WHEN EXISTS (SELECT 1 FROM room WHERE id = OLD.room_id AND is_public = 1) BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n
			UNION ALL SELECT 'room:' || OLD.room_id, 2
			UNION ALL SELECT 'merchant-rooms:' || r.merchant_id, 3 FROM room r
				WHERE r.id = OLD.room_id AND r.merchant_id IS NOT NULL) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
-- A merchant's profile (name, district, category, mini program): its page and its rooms' pages;
-- while approved, also the lists (cards and search show its name). A change of status moves its
-- rooms' is_public (0008), which counts above.
CREATE TRIGGER merchant_change_au AFTER UPDATE ON merchant
WHEN (OLD.status = 'approved' OR NEW.status = 'approved') AND (
	OLD.status IS NOT NEW.status OR OLD.name_zh IS NOT NEW.name_zh OR OLD.name_en IS NOT NEW.name_en
	OR OLD.district_id IS NOT NEW.district_id OR OLD.category_id IS NOT NEW.category_id
	OR OLD.app_id IS NOT NEW.app_id OR OLD.room_page_path IS NOT NEW.room_page_path
	OR OLD.url_link IS NOT NEW.url_link
) BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n UNION ALL SELECT 'merchant:' || NEW.id, 2) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER merchant_change_ad AFTER DELETE ON merchant WHEN OLD.status = 'approved' BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		SELECT s.scope, (SELECT coalesce(max(seq), 0) FROM change_version) + s.n,
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
		FROM (SELECT 'lists' AS scope, 1 AS n UNION ALL SELECT 'merchant:' || OLD.id, 2) s
		WHERE true
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
-- The festival and its reference lists frame every public page.
CREATE TRIGGER festival_change_ai AFTER INSERT ON festival BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER festival_change_au AFTER UPDATE ON festival BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER festival_change_ad AFTER DELETE ON festival BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER district_change_ai AFTER INSERT ON district BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER district_change_au AFTER UPDATE ON district BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER district_change_ad AFTER DELETE ON district BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER category_change_ai AFTER INSERT ON category BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER category_change_au AFTER UPDATE ON category BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER category_change_ad AFTER DELETE ON category BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('festival', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
