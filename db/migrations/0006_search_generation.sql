-- A counter that changes whenever anything the search engine keeps in memory about rooms changes
-- (src/lib/server/search/room-attributes.ts): which rooms are public, their times, district,
-- category, kind, live status and replay. Reading it is one indexed row, so every search can tell
-- whether its in-memory copy is still true. Products, hosts and names only change the text, which
-- lives in room_fts, so they don't bump it.
CREATE TABLE search_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
--> statement-breakpoint
INSERT INTO search_generation (id, value) VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER search_generation_room_ai AFTER INSERT ON room BEGIN
	UPDATE search_generation SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_generation_room_ad AFTER DELETE ON room BEGIN
	UPDATE search_generation SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_generation_room_au AFTER UPDATE OF
	festival_id, merchant_id, kind, district_id, category_id, start_at, end_at, review_status,
	live_status, live_status_at, replay_url, replay_expires_at
ON room BEGIN
	UPDATE search_generation SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_generation_merchant_au AFTER UPDATE OF status ON merchant BEGIN
	UPDATE search_generation SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_generation_festival_au AFTER UPDATE OF published, timezone ON festival BEGIN
	UPDATE search_generation SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- Prefix indexes up to six letters: pinyin is indexed as windows from every character, so a typed
-- word like `chen` expands to thousands of distinct tokens, which only a prefix index makes cheap.
-- detail=column: every query term is a single token (no phrases, no NEAR), so positions are dead
-- weight; without them posting lists are several times smaller and faster to scan.
DROP TABLE room_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE room_fts USING fts5(
	title, names, products, description, title_pinyin, names_pinyin,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3 4 5 6',
	detail = column
);
--> statement-breakpoint
INSERT INTO room_fts(rowid, title, names, products, description, title_pinyin, names_pinyin)
	SELECT id, lf_index(title_text), lf_index(names_text), lf_index(products_text),
		lf_index(description_text), lf_pinyin(title_pinyin_text), lf_pinyin(names_pinyin_text)
	FROM room_search_source;
