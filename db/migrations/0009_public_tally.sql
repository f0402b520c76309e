-- The public flag and the public tally (db/schema/room.ts `is_public`, db/schema/tally.ts).
-- room.is_public mirrors src/lib/server/room/visibility.ts (approved room; merchant, if any,
-- approved); whether the festival is published is checked once per page, not per room. The tally
-- counts public rooms starting and ending per 15-minute UTC slot (start_at / 900000), district,
-- category and kind (room_tally) and per slot alone (room_slot_tally). Both are kept here, in the same transaction as the write, for every writer.
-- Statements in triggers fire the triggers of the rows they change, so the flag's own UPDATE keeps
-- the tally in step; an UPDATE that would not change the flag is skipped.
CREATE TRIGGER room_public_ai AFTER INSERT ON room BEGIN
	UPDATE room SET is_public = (NEW.review_status = 'approved' AND (NEW.merchant_id IS NULL
		OR EXISTS (SELECT 1 FROM merchant m WHERE m.id = NEW.merchant_id AND m.status = 'approved')))
	WHERE id = NEW.id AND is_public IS NOT (NEW.review_status = 'approved' AND (NEW.merchant_id IS NULL
		OR EXISTS (SELECT 1 FROM merchant m WHERE m.id = NEW.merchant_id AND m.status = 'approved')));
END;
--> statement-breakpoint
CREATE TRIGGER room_public_au AFTER UPDATE OF review_status, merchant_id ON room BEGIN
	UPDATE room SET is_public = (NEW.review_status = 'approved' AND (NEW.merchant_id IS NULL
		OR EXISTS (SELECT 1 FROM merchant m WHERE m.id = NEW.merchant_id AND m.status = 'approved')))
	WHERE id = NEW.id AND is_public IS NOT (NEW.review_status = 'approved' AND (NEW.merchant_id IS NULL
		OR EXISTS (SELECT 1 FROM merchant m WHERE m.id = NEW.merchant_id AND m.status = 'approved')));
END;
--> statement-breakpoint
CREATE TRIGGER merchant_public_au AFTER UPDATE OF status ON merchant BEGIN
	UPDATE room SET is_public = (review_status = 'approved' AND NEW.status = 'approved')
	WHERE merchant_id = NEW.id AND is_public IS NOT (review_status = 'approved' AND NEW.status = 'approved');
END;
--> statement-breakpoint
CREATE TRIGGER room_tally_ai AFTER INSERT ON room WHEN NEW.is_public = 1 BEGIN
	INSERT INTO room_tally (festival_id, slot, district_id, category_id, kind, starts, ends)
		VALUES (NEW.festival_id, NEW.start_at / 900000, NEW.district_id, NEW.category_id, NEW.kind, 1, 0)
		ON CONFLICT DO UPDATE SET starts = starts + 1;
	INSERT INTO room_tally (festival_id, slot, district_id, category_id, kind, starts, ends)
		VALUES (NEW.festival_id, NEW.end_at / 900000, NEW.district_id, NEW.category_id, NEW.kind, 0, 1)
		ON CONFLICT DO UPDATE SET ends = ends + 1;
	INSERT INTO room_slot_tally (festival_id, slot, starts, ends)
		VALUES (NEW.festival_id, NEW.start_at / 900000, 1, 0) ON CONFLICT DO UPDATE SET starts = starts + 1;
	INSERT INTO room_slot_tally (festival_id, slot, starts, ends)
		VALUES (NEW.festival_id, NEW.end_at / 900000, 0, 1) ON CONFLICT DO UPDATE SET ends = ends + 1;
END;
--> statement-breakpoint
CREATE TRIGGER room_tally_au AFTER UPDATE OF is_public, festival_id, start_at, end_at, district_id, category_id, kind
ON room WHEN OLD.is_public = 1 OR NEW.is_public = 1 BEGIN
	UPDATE room_tally SET starts = starts - 1
		WHERE OLD.is_public = 1 AND festival_id = OLD.festival_id AND slot = OLD.start_at / 900000
			AND district_id = OLD.district_id AND category_id = OLD.category_id AND kind = OLD.kind;
	UPDATE room_tally SET ends = ends - 1
		WHERE OLD.is_public = 1 AND festival_id = OLD.festival_id AND slot = OLD.end_at / 900000
			AND district_id = OLD.district_id AND category_id = OLD.category_id AND kind = OLD.kind;
	INSERT INTO room_tally (festival_id, slot, district_id, category_id, kind, starts, ends)
		SELECT NEW.festival_id, NEW.start_at / 900000, NEW.district_id, NEW.category_id, NEW.kind, 1, 0
		WHERE NEW.is_public = 1
		ON CONFLICT DO UPDATE SET starts = starts + 1;
	INSERT INTO room_tally (festival_id, slot, district_id, category_id, kind, starts, ends)
		SELECT NEW.festival_id, NEW.end_at / 900000, NEW.district_id, NEW.category_id, NEW.kind, 0, 1
		WHERE NEW.is_public = 1
		ON CONFLICT DO UPDATE SET ends = ends + 1;
	UPDATE room_slot_tally SET starts = starts - 1
		WHERE OLD.is_public = 1 AND festival_id = OLD.festival_id AND slot = OLD.start_at / 900000;
	UPDATE room_slot_tally SET ends = ends - 1
		WHERE OLD.is_public = 1 AND festival_id = OLD.festival_id AND slot = OLD.end_at / 900000;
	INSERT INTO room_slot_tally (festival_id, slot, starts, ends)
		SELECT NEW.festival_id, NEW.start_at / 900000, 1, 0 WHERE NEW.is_public = 1
		ON CONFLICT DO UPDATE SET starts = starts + 1;
	INSERT INTO room_slot_tally (festival_id, slot, starts, ends)
		SELECT NEW.festival_id, NEW.end_at / 900000, 0, 1 WHERE NEW.is_public = 1
		ON CONFLICT DO UPDATE SET ends = ends + 1;
END;
--> statement-breakpoint
CREATE TRIGGER room_tally_ad AFTER DELETE ON room WHEN OLD.is_public = 1 BEGIN
	UPDATE room_tally SET starts = starts - 1
		WHERE festival_id = OLD.festival_id AND slot = OLD.start_at / 900000
			AND district_id = OLD.district_id AND category_id = OLD.category_id AND kind = OLD.kind;
	UPDATE room_tally SET ends = ends - 1
		WHERE festival_id = OLD.festival_id AND slot = OLD.end_at / 900000
			AND district_id = OLD.district_id AND category_id = OLD.category_id AND kind = OLD.kind;
	UPDATE room_slot_tally SET starts = starts - 1
		WHERE festival_id = OLD.festival_id AND slot = OLD.start_at / 900000;
	UPDATE room_slot_tally SET ends = ends - 1
		WHERE festival_id = OLD.festival_id AND slot = OLD.end_at / 900000;
END;
--> statement-breakpoint
-- Backfill: the flag for existing rooms (the triggers above fill the tally as it changes).
UPDATE room SET is_public = (review_status = 'approved' AND (merchant_id IS NULL
	OR EXISTS (SELECT 1 FROM merchant m WHERE m.id = room.merchant_id AND m.status = 'approved')));
--> statement-breakpoint
-- The longest public room of a festival in one index step (room/tally.ts bounds the rooms that
-- straddle a day's edge with it). drizzle-kit cannot describe expression indexes, so it is here.
CREATE INDEX room_public_duration_idx ON room (festival_id, (end_at - start_at)) WHERE is_public = 1;
