CREATE TABLE `venue_result_tally` (
	`venue_id` integer PRIMARY KEY NOT NULL,
	`sessions` integer DEFAULT 0 NOT NULL,
	`reported_rooms` integer DEFAULT 0 NOT NULL,
	`viewers` integer DEFAULT 0 NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`sales_fen` integer DEFAULT 0 NOT NULL,
	`opens` integer DEFAULT 0 NOT NULL,
	`calendar_downloads` integer DEFAULT 0 NOT NULL,
	`stars` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Every venue's results (db/schema/result.ts, venueResultTally), kept in the writer's transaction
-- like the festival's (0041): a room_venue row (0051: a public room in a venue) brings the room's
-- session and its room_result figures to the venue and takes them away when it goes; a change of a
-- room_result moves every venue the room is in by the difference. Figures as in 0041: a report
-- counts the room once in reported_rooms, and a figure not reported counts as 0.
INSERT INTO venue_result_tally (venue_id, sessions, reported_rooms, viewers, orders, sales_fen,
		opens, calendar_downloads, stars)
	SELECT rv.venue_id, count(*),
		coalesce(sum(x.viewers IS NOT NULL OR x.orders IS NOT NULL OR x.sales_fen IS NOT NULL), 0),
		coalesce(sum(x.viewers), 0), coalesce(sum(x.orders), 0), coalesce(sum(x.sales_fen), 0),
		coalesce(sum(x.opens), 0), coalesce(sum(x.calendar_downloads), 0), coalesce(sum(x.stars), 0)
	FROM room_venue rv LEFT JOIN room_result x ON x.room_id = rv.room_id
	WHERE true GROUP BY rv.venue_id;
--> statement-breakpoint
CREATE TRIGGER room_venue_result_ai AFTER INSERT ON room_venue BEGIN
	INSERT INTO venue_result_tally (venue_id, sessions) VALUES (NEW.venue_id, 1)
		ON CONFLICT DO UPDATE SET sessions = venue_result_tally.sessions + 1;
	UPDATE venue_result_tally SET
		reported_rooms = venue_result_tally.reported_rooms + (x.viewers IS NOT NULL OR x.orders IS NOT NULL OR x.sales_fen IS NOT NULL),
		viewers = venue_result_tally.viewers + coalesce(x.viewers, 0), orders = venue_result_tally.orders + coalesce(x.orders, 0),
		sales_fen = venue_result_tally.sales_fen + coalesce(x.sales_fen, 0), opens = venue_result_tally.opens + x.opens,
		calendar_downloads = venue_result_tally.calendar_downloads + x.calendar_downloads, stars = venue_result_tally.stars + x.stars
	FROM room_result x WHERE x.room_id = NEW.room_id AND venue_result_tally.venue_id = NEW.venue_id;
END;
--> statement-breakpoint
CREATE TRIGGER room_venue_result_ad AFTER DELETE ON room_venue BEGIN
	UPDATE venue_result_tally SET sessions = venue_result_tally.sessions - 1 WHERE venue_id = OLD.venue_id;
	UPDATE venue_result_tally SET
		reported_rooms = venue_result_tally.reported_rooms - (x.viewers IS NOT NULL OR x.orders IS NOT NULL OR x.sales_fen IS NOT NULL),
		viewers = venue_result_tally.viewers - coalesce(x.viewers, 0), orders = venue_result_tally.orders - coalesce(x.orders, 0),
		sales_fen = venue_result_tally.sales_fen - coalesce(x.sales_fen, 0), opens = venue_result_tally.opens - x.opens,
		calendar_downloads = venue_result_tally.calendar_downloads - x.calendar_downloads, stars = venue_result_tally.stars - x.stars
	FROM room_result x WHERE x.room_id = OLD.room_id AND venue_result_tally.venue_id = OLD.venue_id;
END;
--> statement-breakpoint
CREATE TRIGGER room_result_venue_ai AFTER INSERT ON room_result BEGIN
	UPDATE venue_result_tally SET
		reported_rooms = reported_rooms + (NEW.viewers IS NOT NULL OR NEW.orders IS NOT NULL OR NEW.sales_fen IS NOT NULL),
		viewers = viewers + coalesce(NEW.viewers, 0), orders = orders + coalesce(NEW.orders, 0),
		sales_fen = sales_fen + coalesce(NEW.sales_fen, 0), opens = opens + NEW.opens,
		calendar_downloads = calendar_downloads + NEW.calendar_downloads, stars = stars + NEW.stars
	WHERE venue_id IN (SELECT venue_id FROM room_venue WHERE room_id = NEW.room_id);
END;
--> statement-breakpoint
CREATE TRIGGER room_result_venue_au AFTER UPDATE OF viewers, orders, sales_fen, opens, calendar_downloads, stars ON room_result BEGIN
	UPDATE venue_result_tally SET
		reported_rooms = reported_rooms
			+ (NEW.viewers IS NOT NULL OR NEW.orders IS NOT NULL OR NEW.sales_fen IS NOT NULL)
			- (OLD.viewers IS NOT NULL OR OLD.orders IS NOT NULL OR OLD.sales_fen IS NOT NULL),
		viewers = viewers + coalesce(NEW.viewers, 0) - coalesce(OLD.viewers, 0),
		orders = orders + coalesce(NEW.orders, 0) - coalesce(OLD.orders, 0),
		sales_fen = sales_fen + coalesce(NEW.sales_fen, 0) - coalesce(OLD.sales_fen, 0),
		opens = opens + NEW.opens - OLD.opens,
		calendar_downloads = calendar_downloads + NEW.calendar_downloads - OLD.calendar_downloads,
		stars = stars + NEW.stars - OLD.stars
	WHERE venue_id IN (SELECT venue_id FROM room_venue WHERE room_id = NEW.room_id);
END;
--> statement-breakpoint
CREATE TRIGGER room_result_venue_ad AFTER DELETE ON room_result BEGIN
	UPDATE venue_result_tally SET
		reported_rooms = reported_rooms - (OLD.viewers IS NOT NULL OR OLD.orders IS NOT NULL OR OLD.sales_fen IS NOT NULL),
		viewers = viewers - coalesce(OLD.viewers, 0), orders = orders - coalesce(OLD.orders, 0),
		sales_fen = sales_fen - coalesce(OLD.sales_fen, 0), opens = opens - OLD.opens,
		calendar_downloads = calendar_downloads - OLD.calendar_downloads, stars = stars - OLD.stars
	WHERE venue_id IN (SELECT venue_id FROM room_venue WHERE room_id = OLD.room_id);
END;
--> statement-breakpoint
-- A venue that goes takes its row with it. Its memberships go in 0051's trigger, before or after
-- this one: leaving subtracts with UPDATE only, so it never writes the row again.
CREATE TRIGGER venue_result_venue_ad AFTER DELETE ON venue BEGIN
	DELETE FROM venue_result_tally WHERE venue_id = OLD.id;
END;
