-- The festival's results (issue 18, db/schema/result.ts), kept in the same transaction as every
-- write by every writer, so no page or report ever sums the rooms one by one:
-- * deep-link opens, calendar downloads and stars per room (room_result.opens,
--   .calendar_downloads, .stars) from their counters (deeplink_open, calendar_download,
--   room_star), and opens per festival and channel;
-- * result_tally: every room_result of a PUBLIC room summed per (festival, 15-minute UTC slot of
--   the room's start, district, category); a room that moves, changes district or category, or
--   leaves or joins the public moves its figures with it;
-- * the `results` change scope (src/lib/server/cache/change-scope.ts) when the published results
--   page changes, so /results is re-rendered then and only then.
-- A room_result's contribution: reported_rooms 1 when the merchant reported any figure, and each
-- figure (null counts as 0).
CREATE TRIGGER room_result_tally_ai AFTER INSERT ON room_result BEGIN
	INSERT INTO result_tally (festival_id, slot, district_id, category_id, reported_rooms, viewers,
			orders, sales_fen, opens, calendar_downloads, stars)
		SELECT r.festival_id, r.start_at / 900000, r.district_id, r.category_id,
			(NEW.viewers IS NOT NULL OR NEW.orders IS NOT NULL OR NEW.sales_fen IS NOT NULL),
			coalesce(NEW.viewers, 0), coalesce(NEW.orders, 0), coalesce(NEW.sales_fen, 0),
			NEW.opens, NEW.calendar_downloads, NEW.stars
		FROM room r WHERE r.id = NEW.room_id AND r.is_public = 1
		ON CONFLICT DO UPDATE SET reported_rooms = reported_rooms + excluded.reported_rooms,
			viewers = viewers + excluded.viewers, orders = orders + excluded.orders,
			sales_fen = sales_fen + excluded.sales_fen, opens = opens + excluded.opens,
			calendar_downloads = calendar_downloads + excluded.calendar_downloads,
			stars = stars + excluded.stars;
END;
--> statement-breakpoint
CREATE TRIGGER room_result_tally_au AFTER UPDATE OF viewers, orders, sales_fen, opens, calendar_downloads, stars ON room_result BEGIN
	INSERT INTO result_tally (festival_id, slot, district_id, category_id, reported_rooms, viewers,
			orders, sales_fen, opens, calendar_downloads, stars)
		SELECT r.festival_id, r.start_at / 900000, r.district_id, r.category_id,
			(NEW.viewers IS NOT NULL OR NEW.orders IS NOT NULL OR NEW.sales_fen IS NOT NULL)
				- (OLD.viewers IS NOT NULL OR OLD.orders IS NOT NULL OR OLD.sales_fen IS NOT NULL),
			coalesce(NEW.viewers, 0) - coalesce(OLD.viewers, 0),
			coalesce(NEW.orders, 0) - coalesce(OLD.orders, 0),
			coalesce(NEW.sales_fen, 0) - coalesce(OLD.sales_fen, 0),
			NEW.opens - OLD.opens, NEW.calendar_downloads - OLD.calendar_downloads,
			NEW.stars - OLD.stars
		FROM room r WHERE r.id = NEW.room_id AND r.is_public = 1
		ON CONFLICT DO UPDATE SET reported_rooms = reported_rooms + excluded.reported_rooms,
			viewers = viewers + excluded.viewers, orders = orders + excluded.orders,
			sales_fen = sales_fen + excluded.sales_fen, opens = opens + excluded.opens,
			calendar_downloads = calendar_downloads + excluded.calendar_downloads,
			stars = stars + excluded.stars;
END;
--> statement-breakpoint
CREATE TRIGGER room_result_tally_ad AFTER DELETE ON room_result BEGIN
	INSERT INTO result_tally (festival_id, slot, district_id, category_id, reported_rooms, viewers,
			orders, sales_fen, opens, calendar_downloads, stars)
		SELECT r.festival_id, r.start_at / 900000, r.district_id, r.category_id,
			-(OLD.viewers IS NOT NULL OR OLD.orders IS NOT NULL OR OLD.sales_fen IS NOT NULL),
			-coalesce(OLD.viewers, 0), -coalesce(OLD.orders, 0), -coalesce(OLD.sales_fen, 0),
			-OLD.opens, -OLD.calendar_downloads, -OLD.stars
		FROM room r WHERE r.id = OLD.room_id AND r.is_public = 1
		ON CONFLICT DO UPDATE SET reported_rooms = reported_rooms + excluded.reported_rooms,
			viewers = viewers + excluded.viewers, orders = orders + excluded.orders,
			sales_fen = sales_fen + excluded.sales_fen, opens = opens + excluded.opens,
			calendar_downloads = calendar_downloads + excluded.calendar_downloads,
			stars = stars + excluded.stars;
END;
--> statement-breakpoint
-- A room's results follow it to another festival, public or not.
CREATE TRIGGER room_result_festival_au AFTER UPDATE OF festival_id ON room
WHEN OLD.festival_id IS NOT NEW.festival_id BEGIN
	UPDATE room_result SET festival_id = NEW.festival_id WHERE room_id = NEW.id;
END;
--> statement-breakpoint
-- A room that moves (festival, start slot, district, category) or leaves or joins the public: its
-- figures leave the old key (when it was public) and join the new one (when it is); its opens
-- leave and join the channel totals when it changes festival or public state.
CREATE TRIGGER room_result_room_au AFTER UPDATE OF festival_id, start_at, district_id, category_id, is_public ON room
WHEN (OLD.is_public = 1 OR NEW.is_public = 1) AND (
	OLD.is_public IS NOT NEW.is_public OR OLD.festival_id IS NOT NEW.festival_id
	OR OLD.start_at / 900000 IS NOT NEW.start_at / 900000
	OR OLD.district_id IS NOT NEW.district_id OR OLD.category_id IS NOT NEW.category_id
) AND EXISTS (SELECT 1 FROM room_result WHERE room_id = NEW.id) BEGIN
	INSERT INTO result_tally (festival_id, slot, district_id, category_id, reported_rooms, viewers,
			orders, sales_fen, opens, calendar_downloads, stars)
		SELECT OLD.festival_id, OLD.start_at / 900000, OLD.district_id, OLD.category_id,
			-(x.viewers IS NOT NULL OR x.orders IS NOT NULL OR x.sales_fen IS NOT NULL),
			-coalesce(x.viewers, 0), -coalesce(x.orders, 0), -coalesce(x.sales_fen, 0),
			-x.opens, -x.calendar_downloads, -x.stars
		FROM room_result x WHERE x.room_id = NEW.id AND OLD.is_public = 1
		ON CONFLICT DO UPDATE SET reported_rooms = reported_rooms + excluded.reported_rooms,
			viewers = viewers + excluded.viewers, orders = orders + excluded.orders,
			sales_fen = sales_fen + excluded.sales_fen, opens = opens + excluded.opens,
			calendar_downloads = calendar_downloads + excluded.calendar_downloads,
			stars = stars + excluded.stars;
	INSERT INTO result_tally (festival_id, slot, district_id, category_id, reported_rooms, viewers,
			orders, sales_fen, opens, calendar_downloads, stars)
		SELECT NEW.festival_id, NEW.start_at / 900000, NEW.district_id, NEW.category_id,
			(x.viewers IS NOT NULL OR x.orders IS NOT NULL OR x.sales_fen IS NOT NULL),
			coalesce(x.viewers, 0), coalesce(x.orders, 0), coalesce(x.sales_fen, 0),
			x.opens, x.calendar_downloads, x.stars
		FROM room_result x WHERE x.room_id = NEW.id AND NEW.is_public = 1
		ON CONFLICT DO UPDATE SET reported_rooms = reported_rooms + excluded.reported_rooms,
			viewers = viewers + excluded.viewers, orders = orders + excluded.orders,
			sales_fen = sales_fen + excluded.sales_fen, opens = opens + excluded.opens,
			calendar_downloads = calendar_downloads + excluded.calendar_downloads,
			stars = stars + excluded.stars;
	INSERT INTO open_channel_tally (festival_id, channel, opens)
		SELECT OLD.festival_id, d.channel, -sum(d.count) FROM deeplink_open d
		WHERE d.room_id = OLD.id AND OLD.is_public = 1 AND (OLD.is_public IS NOT NEW.is_public OR OLD.festival_id IS NOT NEW.festival_id) GROUP BY d.channel
		ON CONFLICT DO UPDATE SET opens = opens + excluded.opens;
	INSERT INTO open_channel_tally (festival_id, channel, opens)
		SELECT NEW.festival_id, d.channel, sum(d.count) FROM deeplink_open d
		WHERE d.room_id = NEW.id AND NEW.is_public = 1 AND (OLD.is_public IS NOT NEW.is_public OR OLD.festival_id IS NOT NEW.festival_id) GROUP BY d.channel
		ON CONFLICT DO UPDATE SET opens = opens + excluded.opens;
END;
--> statement-breakpoint
-- Deleting a public room takes its figures out first, while its results and counters still exist
-- (the cascades that delete them then find no room and leave the tallies alone).
CREATE TRIGGER room_result_room_bd BEFORE DELETE ON room
WHEN OLD.is_public = 1 AND EXISTS (SELECT 1 FROM room_result WHERE room_id = OLD.id) BEGIN
	INSERT INTO result_tally (festival_id, slot, district_id, category_id, reported_rooms, viewers,
			orders, sales_fen, opens, calendar_downloads, stars)
		SELECT OLD.festival_id, OLD.start_at / 900000, OLD.district_id, OLD.category_id,
			-(x.viewers IS NOT NULL OR x.orders IS NOT NULL OR x.sales_fen IS NOT NULL),
			-coalesce(x.viewers, 0), -coalesce(x.orders, 0), -coalesce(x.sales_fen, 0),
			-x.opens, -x.calendar_downloads, -x.stars
		FROM room_result x WHERE x.room_id = OLD.id AND true
		ON CONFLICT DO UPDATE SET reported_rooms = reported_rooms + excluded.reported_rooms,
			viewers = viewers + excluded.viewers, orders = orders + excluded.orders,
			sales_fen = sales_fen + excluded.sales_fen, opens = opens + excluded.opens,
			calendar_downloads = calendar_downloads + excluded.calendar_downloads,
			stars = stars + excluded.stars;
	INSERT INTO open_channel_tally (festival_id, channel, opens)
		SELECT OLD.festival_id, d.channel, -sum(d.count) FROM deeplink_open d
		WHERE d.room_id = OLD.id AND true GROUP BY d.channel
		ON CONFLICT DO UPDATE SET opens = opens + excluded.opens;
END;
--> statement-breakpoint
-- Opens: the room's total (creating its room_result) and, for public rooms, the channel totals.
CREATE TRIGGER deeplink_open_result_ai AFTER INSERT ON deeplink_open BEGIN
	INSERT INTO room_result (room_id, festival_id, opens)
		SELECT NEW.room_id, r.festival_id, NEW.count FROM room r WHERE r.id = NEW.room_id
		ON CONFLICT (room_id) DO UPDATE SET opens = opens + excluded.opens;
	INSERT INTO open_channel_tally (festival_id, channel, opens)
		SELECT r.festival_id, NEW.channel, NEW.count FROM room r WHERE r.id = NEW.room_id AND r.is_public = 1
		ON CONFLICT DO UPDATE SET opens = opens + excluded.opens;
END;
--> statement-breakpoint
CREATE TRIGGER deeplink_open_result_au AFTER UPDATE ON deeplink_open BEGIN
	UPDATE room_result SET opens = opens - OLD.count WHERE room_id = OLD.room_id AND OLD.room_id IS NOT NEW.room_id;
	INSERT INTO room_result (room_id, festival_id, opens)
		SELECT NEW.room_id, r.festival_id, NEW.count - (CASE WHEN OLD.room_id = NEW.room_id THEN OLD.count ELSE 0 END)
		FROM room r WHERE r.id = NEW.room_id
		ON CONFLICT (room_id) DO UPDATE SET opens = opens + excluded.opens;
	INSERT INTO open_channel_tally (festival_id, channel, opens)
		SELECT r.festival_id, NEW.channel, NEW.count - OLD.count FROM room r
		WHERE r.id = NEW.room_id AND r.is_public = 1 AND OLD.room_id = NEW.room_id AND OLD.channel = NEW.channel
		ON CONFLICT DO UPDATE SET opens = opens + excluded.opens;
	INSERT INTO open_channel_tally (festival_id, channel, opens)
		SELECT r.festival_id, OLD.channel, -OLD.count FROM room r
		WHERE r.id = OLD.room_id AND r.is_public = 1 AND (OLD.room_id IS NOT NEW.room_id OR OLD.channel IS NOT NEW.channel)
		ON CONFLICT DO UPDATE SET opens = opens + excluded.opens;
	INSERT INTO open_channel_tally (festival_id, channel, opens)
		SELECT r.festival_id, NEW.channel, NEW.count FROM room r
		WHERE r.id = NEW.room_id AND r.is_public = 1 AND (OLD.room_id IS NOT NEW.room_id OR OLD.channel IS NOT NEW.channel)
		ON CONFLICT DO UPDATE SET opens = opens + excluded.opens;
END;
--> statement-breakpoint
CREATE TRIGGER deeplink_open_result_ad AFTER DELETE ON deeplink_open BEGIN
	UPDATE room_result SET opens = opens - OLD.count WHERE room_id = OLD.room_id;
	INSERT INTO open_channel_tally (festival_id, channel, opens)
		SELECT r.festival_id, OLD.channel, -OLD.count FROM room r WHERE r.id = OLD.room_id AND r.is_public = 1
		ON CONFLICT DO UPDATE SET opens = opens + excluded.opens;
END;
--> statement-breakpoint
-- Calendar downloads: the room's total (creating its room_result).
CREATE TRIGGER calendar_download_result_ai AFTER INSERT ON calendar_download BEGIN
	INSERT INTO room_result (room_id, festival_id, calendar_downloads)
		SELECT NEW.room_id, r.festival_id, NEW.count FROM room r WHERE r.id = NEW.room_id
		ON CONFLICT (room_id) DO UPDATE SET calendar_downloads = calendar_downloads + excluded.calendar_downloads;
END;
--> statement-breakpoint
CREATE TRIGGER calendar_download_result_au AFTER UPDATE ON calendar_download BEGIN
	UPDATE room_result SET calendar_downloads = calendar_downloads - OLD.count
		WHERE room_id = OLD.room_id AND OLD.room_id IS NOT NEW.room_id;
	INSERT INTO room_result (room_id, festival_id, calendar_downloads)
		SELECT NEW.room_id, r.festival_id, NEW.count - (CASE WHEN OLD.room_id = NEW.room_id THEN OLD.count ELSE 0 END)
		FROM room r WHERE r.id = NEW.room_id
		ON CONFLICT (room_id) DO UPDATE SET calendar_downloads = calendar_downloads + excluded.calendar_downloads;
END;
--> statement-breakpoint
CREATE TRIGGER calendar_download_result_ad AFTER DELETE ON calendar_download BEGIN
	UPDATE room_result SET calendar_downloads = calendar_downloads - OLD.count WHERE room_id = OLD.room_id;
END;
--> statement-breakpoint
-- Stars: the room's total (creating its room_result).
CREATE TRIGGER room_star_result_ai AFTER INSERT ON room_star BEGIN
	INSERT INTO room_result (room_id, festival_id, stars)
		SELECT NEW.room_id, r.festival_id, NEW.count FROM room r WHERE r.id = NEW.room_id
		ON CONFLICT (room_id) DO UPDATE SET stars = stars + excluded.stars;
END;
--> statement-breakpoint
CREATE TRIGGER room_star_result_au AFTER UPDATE ON room_star BEGIN
	UPDATE room_result SET stars = stars - OLD.count
		WHERE room_id = OLD.room_id AND OLD.room_id IS NOT NEW.room_id;
	INSERT INTO room_result (room_id, festival_id, stars)
		SELECT NEW.room_id, r.festival_id, NEW.count - (CASE WHEN OLD.room_id = NEW.room_id THEN OLD.count ELSE 0 END)
		FROM room r WHERE r.id = NEW.room_id
		ON CONFLICT (room_id) DO UPDATE SET stars = stars + excluded.stars;
END;
--> statement-breakpoint
CREATE TRIGGER room_star_result_ad AFTER DELETE ON room_star BEGIN
	UPDATE room_result SET stars = stars - OLD.count WHERE room_id = OLD.room_id;
END;
--> statement-breakpoint
-- The published results page (festival_results.published_at / snapshot): the `results` scope.
CREATE TRIGGER festival_results_change_ai AFTER INSERT ON festival_results
WHEN NEW.published_at IS NOT NULL BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('results', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER festival_results_change_au AFTER UPDATE OF published_at, snapshot ON festival_results
WHEN OLD.published_at IS NOT NEW.published_at OR OLD.snapshot IS NOT NEW.snapshot BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('results', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
CREATE TRIGGER festival_results_change_ad AFTER DELETE ON festival_results
WHEN OLD.published_at IS NOT NULL BEGIN
	INSERT INTO change_version (scope, seq, changed_at)
		VALUES ('results', (SELECT coalesce(max(seq), 0) + 1 FROM change_version),
			CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
		ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, changed_at = excluded.changed_at;
END;
--> statement-breakpoint
-- Opens counted before this migration: each room's total (whose insert fills result_tally through
-- room_result_tally_ai) and the channel totals of public rooms.
INSERT INTO room_result (room_id, festival_id, opens)
	SELECT d.room_id, r.festival_id, sum(d.count) FROM deeplink_open d JOIN room r ON r.id = d.room_id
	WHERE true GROUP BY d.room_id
	ON CONFLICT (room_id) DO UPDATE SET opens = excluded.opens;
--> statement-breakpoint
INSERT INTO open_channel_tally (festival_id, channel, opens)
	SELECT r.festival_id, d.channel, sum(d.count) FROM deeplink_open d JOIN room r ON r.id = d.room_id
	WHERE r.is_public = 1 GROUP BY r.festival_id, d.channel
	ON CONFLICT DO UPDATE SET opens = excluded.opens;
