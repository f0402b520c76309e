-- Search at 270,000 rooms (issue 13; src/lib/server/search/room-attributes.ts, rebuild.ts).
-- 1. room_search_source reads the trigger-kept room.is_public flag (0008/0009) instead of joining
--    merchant status, and starts from room (CROSS JOIN), so a chunk by id range is a rowid range scan
--    instead of a scan of every approved room sorted by id.
-- 2. search_change: one row per room whose searchable text or search attributes changed, appended
--    by triggers in the writer's transaction. Searches apply the rows after the last seq they saw
--    instead of reloading every public room; a rebuild beside a live server skips rooms a trigger
--    re-indexed after the rebuild read them. room_id 0 means "everything" (bulk loads, a festival
--    published or moved to another time zone). The newest 100,000 rows are kept; a reader that
--    fell further behind reloads in full.
-- 3. room_search_au and search_generation_room_au also fire on is_public, which the flag's own
--    nested UPDATE sets, so the index never depends on the order triggers fire in.
DROP VIEW room_search_source;
--> statement-breakpoint
CREATE VIEW room_search_source AS
SELECT
	r.id, r.festival_id, r.merchant_id, r.district_id, r.category_id,
	r.title || ' ' || coalesce(r.title_en, '') AS title_text,
	coalesce(m.name_zh, '') || ' ' || coalesce(m.name_en, '') || ' ' || r.anchor_name || ' ' || coalesce(
		(SELECT group_concat(h.name || ' ' || coalesce(h.name_en, '') || ' ' || h.title || ' ' || coalesce(h.title_en, ''), ' ')
		FROM showcase_host h WHERE h.room_id = r.id), '') AS names_text,
	coalesce((SELECT group_concat(p.name || ' ' || coalesce(p.name_en, ''), ' ')
		FROM room_product p WHERE p.room_id = r.id), '') AS products_text,
	r.description || ' ' || coalesce(r.description_en, '') || ' ' ||
		coalesce((SELECT group_concat(j.value, ' ') FROM json_each(r.tags) j), '') || ' ' ||
		d.name_zh || ' ' || d.name_en || ' ' || c.name_zh || ' ' || c.name_en AS description_text,
	r.title AS title_pinyin_text,
	coalesce(m.name_zh, '') || ' ' || r.anchor_name || ' ' || coalesce(
		(SELECT group_concat(h.name, ' ') FROM showcase_host h WHERE h.room_id = r.id), '') AS names_pinyin_text
FROM room r
CROSS JOIN festival f ON f.id = r.festival_id
CROSS JOIN district d ON d.id = r.district_id
CROSS JOIN category c ON c.id = r.category_id
LEFT JOIN merchant m ON m.id = r.merchant_id
WHERE r.is_public = 1 AND f.published = 1;
--> statement-breakpoint
CREATE TABLE search_change (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	room_id INTEGER NOT NULL,
	changed_at INTEGER NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER search_change_prune AFTER INSERT ON search_change WHEN NEW.seq % 1000 = 0 BEGIN
	DELETE FROM search_change WHERE seq <= NEW.seq - 100000;
END;
--> statement-breakpoint
DROP TRIGGER room_search_au;
--> statement-breakpoint
CREATE TRIGGER room_search_au AFTER UPDATE OF
	festival_id, merchant_id, kind, title, title_en, description, description_en, anchor_name,
	district_id, category_id, review_status, tags, start_at, end_at, is_public
ON room WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = NEW.id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = NEW.id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
DROP TRIGGER search_generation_room_au;
--> statement-breakpoint
CREATE TRIGGER search_generation_room_au AFTER UPDATE OF
	festival_id, merchant_id, kind, district_id, category_id, start_at, end_at, review_status,
	live_status, live_status_at, replay_url, replay_expires_at, is_public
ON room BEGIN
	UPDATE search_generation SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_change_room_ai AFTER INSERT ON room WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_room_ad AFTER DELETE ON room WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (OLD.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_room_au AFTER UPDATE OF
	festival_id, merchant_id, kind, title, title_en, description, description_en, anchor_name,
	district_id, category_id, review_status, tags, start_at, end_at, is_public,
	live_status, live_status_at, replay_url, replay_expires_at
ON room WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_product_ai AFTER INSERT ON room_product WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_product_au AFTER UPDATE ON room_product WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (OLD.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
	INSERT INTO search_change(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_product_ad AFTER DELETE ON room_product WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (OLD.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_host_ai AFTER INSERT ON showcase_host WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_host_au AFTER UPDATE ON showcase_host WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (OLD.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
	INSERT INTO search_change(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_host_ad AFTER DELETE ON showcase_host WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (OLD.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_merchant_au AFTER UPDATE OF name_zh, name_en, status ON merchant WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room WHERE merchant_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_change_festival_au AFTER UPDATE OF published, timezone ON festival WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) VALUES (0, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER search_change_district_au AFTER UPDATE OF name_zh, name_en ON district WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room WHERE district_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_change_category_au AFTER UPDATE OF name_zh, name_en ON category WHEN lf_search_live() BEGIN
	INSERT INTO search_change(room_id, changed_at) SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room WHERE category_id = NEW.id;
END;
--> statement-breakpoint
INSERT INTO search_change(room_id, changed_at) VALUES (0, CAST(unixepoch('subsec') * 1000 AS INTEGER));
