-- Search for public rooms (see src/lib/server/search/). The FTS5 table holds pre-tokenised text:
-- lf_index() and lf_pinyin() are SQL functions that src/lib/server/db.ts registers on every
-- connection (Chinese word segmentation, bigrams and pinyin are done in JavaScript). Triggers keep
-- the index and the Meilisearch outbox in step in the same transaction as every write, whoever
-- makes it. NOTE: a later migration in which drizzle-kit rebuilds one of these tables drops its
-- triggers; recreate them after it (copy them from here) and rebuild the index. lf_search_live() is
-- false inside withSearchDeferred(), which bulk loads use and which rebuilds the index once at the end.
CREATE VIRTUAL TABLE room_fts USING fts5(
	title, names, products, description, title_pinyin, names_pinyin,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);
--> statement-breakpoint
-- What the public may find: the one visibility rule of src/lib/server/room/visibility.ts, in SQL
-- (tests/unit/server/search/fts5.test.ts checks the two agree).
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
JOIN festival f ON f.id = r.festival_id
JOIN district d ON d.id = r.district_id
JOIN category c ON c.id = r.category_id
LEFT JOIN merchant m ON m.id = r.merchant_id
WHERE r.review_status = 'approved' AND f.published = 1 AND (r.merchant_id IS NULL OR m.status = 'approved');
--> statement-breakpoint
CREATE TRIGGER room_search_ai AFTER INSERT ON room WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = NEW.id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = NEW.id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_au AFTER UPDATE OF
	festival_id, merchant_id, kind, title, title_en, description, description_en, anchor_name,
	district_id, category_id, review_status, tags, start_at, end_at
ON room WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = NEW.id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = NEW.id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_ad AFTER DELETE ON room WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = OLD.id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (OLD.id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_product_ai AFTER INSERT ON room_product WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = NEW.room_id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = NEW.room_id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_product_au AFTER UPDATE ON room_product WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = NEW.room_id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = NEW.room_id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_product_ad AFTER DELETE ON room_product WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = OLD.room_id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = OLD.room_id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (OLD.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_host_ai AFTER INSERT ON showcase_host WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = NEW.room_id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = NEW.room_id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_host_au AFTER UPDATE ON showcase_host WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = NEW.room_id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = NEW.room_id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_host_ad AFTER DELETE ON showcase_host WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid = OLD.room_id;
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE id = OLD.room_id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (OLD.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_merchant_au AFTER UPDATE OF name_zh, name_en, status ON merchant WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid IN (SELECT id FROM room WHERE merchant_id = NEW.id);
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE merchant_id = NEW.id;
	INSERT INTO search_outbox(room_id, changed_at) SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room WHERE merchant_id = NEW.id
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_festival_au AFTER UPDATE OF published ON festival WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid IN (SELECT id FROM room WHERE festival_id = NEW.id);
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE festival_id = NEW.id;
	INSERT INTO search_outbox(room_id, changed_at) SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room WHERE festival_id = NEW.id
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_district_au AFTER UPDATE OF name_zh, name_en ON district WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid IN (SELECT id FROM room WHERE district_id = NEW.id);
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE district_id = NEW.id;
	INSERT INTO search_outbox(room_id, changed_at) SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room WHERE district_id = NEW.id
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_category_au AFTER UPDATE OF name_zh, name_en ON category WHEN lf_search_live() BEGIN
	DELETE FROM room_fts WHERE rowid IN (SELECT id FROM room WHERE category_id = NEW.id);
	INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
		SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
		FROM room_search_source WHERE category_id = NEW.id;
	INSERT INTO search_outbox(room_id, changed_at) SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room WHERE category_id = NEW.id
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
	SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text), lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
	FROM room_search_source;
--> statement-breakpoint
INSERT INTO search_outbox(room_id, changed_at) SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM room WHERE true
	ON CONFLICT(room_id) DO NOTHING;
