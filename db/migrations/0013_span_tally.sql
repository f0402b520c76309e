-- room_span_tally (db/schema/tally.ts): public rooms per (start slot, end slot), kept like
-- room_tally (0009) on every change of a room's flag, festival or times, then filled once.
CREATE TRIGGER room_span_ai AFTER INSERT ON room WHEN NEW.is_public = 1 BEGIN
	INSERT INTO room_span_tally (festival_id, start_slot, end_slot, rooms)
		VALUES (NEW.festival_id, NEW.start_at / 900000, NEW.end_at / 900000, 1)
		ON CONFLICT DO UPDATE SET rooms = rooms + 1;
END;
--> statement-breakpoint
CREATE TRIGGER room_span_au AFTER UPDATE OF is_public, festival_id, start_at, end_at ON room
WHEN OLD.is_public = 1 OR NEW.is_public = 1 BEGIN
	UPDATE room_span_tally SET rooms = rooms - 1
		WHERE OLD.is_public = 1 AND festival_id = OLD.festival_id
			AND start_slot = OLD.start_at / 900000 AND end_slot = OLD.end_at / 900000;
	INSERT INTO room_span_tally (festival_id, start_slot, end_slot, rooms)
		SELECT NEW.festival_id, NEW.start_at / 900000, NEW.end_at / 900000, 1 WHERE NEW.is_public = 1
		ON CONFLICT DO UPDATE SET rooms = rooms + 1;
END;
--> statement-breakpoint
CREATE TRIGGER room_span_ad AFTER DELETE ON room WHEN OLD.is_public = 1 BEGIN
	UPDATE room_span_tally SET rooms = rooms - 1
		WHERE festival_id = OLD.festival_id
			AND start_slot = OLD.start_at / 900000 AND end_slot = OLD.end_at / 900000;
END;
--> statement-breakpoint
INSERT INTO room_span_tally (festival_id, start_slot, end_slot, rooms)
	SELECT festival_id, start_at / 900000, end_at / 900000, count(*) FROM room
	WHERE is_public = 1 GROUP BY 1, 2, 3;
