-- Search by script (issue 16): the one FTS5 table becomes two, so prefix indexes are kept only where
-- a prefix is ever asked for. room_fts_han holds Han tokens (characters, bigrams, words, folded to
-- Simplified) with no prefix index: nobody types half a character, and prefix entries of Han tokens
-- were most of the old index's size and of its build time. Its column `words` holds the pinyin of
-- whole words, full and initials, matched exactly (a typed `mm` that is 面膜, not a span of 美妆面). room_fts_latin holds Latin words and
-- pinyin (full and initials) of titles, names and now product names, with prefix indexes of 2 to 6
-- letters for the word still being typed; a one-letter word is matched whole. Tokenising is
-- src/lib/server/search/tokens.ts, called through lf_han, lf_latin, lf_pinyin and lf_word_pinyin.
--
-- Which rooms to re-index is still decided by a trigger on each table, in the writer's transaction;
-- how a room is indexed is declared once: every trigger inserts the room's id into the view
-- search_reindex, whose INSTEAD OF trigger replaces its rows in both tables and queues it for the
-- external engine. (src/lib/server/search/sql-functions.ts declares the same rows for the rebuild,
-- which writes tables under other names; a test keeps the two equal.)
DROP TRIGGER room_search_ai;
--> statement-breakpoint
DROP TRIGGER room_search_au;
--> statement-breakpoint
DROP TRIGGER room_search_ad;
--> statement-breakpoint
DROP TRIGGER room_search_product_ai;
--> statement-breakpoint
DROP TRIGGER room_search_product_au;
--> statement-breakpoint
DROP TRIGGER room_search_product_ad;
--> statement-breakpoint
DROP TRIGGER room_search_host_ai;
--> statement-breakpoint
DROP TRIGGER room_search_host_au;
--> statement-breakpoint
DROP TRIGGER room_search_host_ad;
--> statement-breakpoint
DROP TRIGGER room_search_merchant_au;
--> statement-breakpoint
DROP TRIGGER room_search_festival_au;
--> statement-breakpoint
DROP TRIGGER room_search_district_au;
--> statement-breakpoint
DROP TRIGGER room_search_category_au;
--> statement-breakpoint
DROP TABLE room_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE room_fts_han USING fts5(
	title, names, products, description, words,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	detail = column
);
--> statement-breakpoint
CREATE VIRTUAL TABLE room_fts_latin USING fts5(
	title, names, products, description, title_pinyin, names_pinyin, products_pinyin,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4 5 6',
	detail = column
);
--> statement-breakpoint
CREATE VIEW search_reindex(room_id) AS SELECT NULL WHERE 0;
--> statement-breakpoint
CREATE TRIGGER search_reindex_room INSTEAD OF INSERT ON search_reindex BEGIN
	DELETE FROM room_fts_han WHERE rowid = NEW.room_id;
	DELETE FROM room_fts_latin WHERE rowid = NEW.room_id;
	INSERT INTO room_fts_han(rowid, title, names, products, description, words)
		SELECT id, lf_han(title_text), lf_han(names_text), lf_han(products_text), lf_han(description_text),
			lf_pinyin_words(title_pinyin_text || ' ' || names_pinyin_text || ' ' || products_text)
		FROM room_search_source WHERE id = NEW.room_id;
	INSERT INTO room_fts_latin(rowid, title, names, products, description, title_pinyin, names_pinyin, products_pinyin)
		SELECT id, lf_latin(title_text), lf_latin(names_text), lf_latin(products_text), lf_latin(description_text),
			lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text), lf_word_pinyin(products_text)
		FROM room_search_source WHERE id = NEW.room_id;
	INSERT INTO search_outbox(room_id, changed_at) VALUES (NEW.room_id, CAST(unixepoch('subsec') * 1000 AS INTEGER))
		ON CONFLICT(room_id) DO UPDATE SET changed_at = excluded.changed_at, attempts = 0, next_attempt_at = 0, last_error = NULL;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_ai AFTER INSERT ON room WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) VALUES (NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_au AFTER UPDATE OF
	festival_id, merchant_id, kind, title, title_en, description, description_en, anchor_name,
	district_id, category_id, review_status, tags, start_at, end_at, is_public
ON room WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) VALUES (NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_ad AFTER DELETE ON room WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) VALUES (OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_product_ai AFTER INSERT ON room_product WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) VALUES (NEW.room_id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_host_ai AFTER INSERT ON showcase_host WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) VALUES (NEW.room_id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_product_ad AFTER DELETE ON room_product WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) VALUES (OLD.room_id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_host_ad AFTER DELETE ON showcase_host WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) VALUES (OLD.room_id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_product_au AFTER UPDATE ON room_product WHEN lf_search_live() BEGIN
	-- A row moved to another room changes both.
	INSERT INTO search_reindex(room_id) SELECT OLD.room_id WHERE OLD.room_id IS NOT NEW.room_id;
	INSERT INTO search_reindex(room_id) VALUES (NEW.room_id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_host_au AFTER UPDATE ON showcase_host WHEN lf_search_live() BEGIN
	-- A row moved to another room changes both.
	INSERT INTO search_reindex(room_id) SELECT OLD.room_id WHERE OLD.room_id IS NOT NEW.room_id;
	INSERT INTO search_reindex(room_id) VALUES (NEW.room_id);
END;
--> statement-breakpoint
CREATE TRIGGER room_search_merchant_au AFTER UPDATE OF name_zh, name_en, status ON merchant WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) SELECT id FROM room WHERE merchant_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_festival_au AFTER UPDATE OF published ON festival WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) SELECT id FROM room WHERE festival_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_district_au AFTER UPDATE OF name_zh, name_en ON district WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) SELECT id FROM room WHERE district_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER room_search_category_au AFTER UPDATE OF name_zh, name_en ON category WHEN lf_search_live() BEGIN
	INSERT INTO search_reindex(room_id) SELECT id FROM room WHERE category_id = NEW.id;
END;
--> statement-breakpoint
-- The index starts empty (filling it here would hold a large festival's database for minutes):
-- `npm start` fills an empty index before serving (scripts/start.ts), as `npm run search:rebuild`
-- does. Searches reload what they keep in memory.
INSERT INTO search_change(room_id, changed_at) VALUES (-1, CAST(unixepoch('subsec') * 1000 AS INTEGER));
