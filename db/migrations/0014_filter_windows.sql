DROP INDEX `room_public_district_idx`;--> statement-breakpoint
DROP INDEX `room_public_category_idx`;--> statement-breakpoint
DROP INDEX `room_public_kind_idx`;--> statement-breakpoint
CREATE INDEX `room_public_district_idx` ON `room` (`festival_id`,`district_id`,`start_at`,`end_at`,`live_status_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_category_idx` ON `room` (`festival_id`,`category_id`,`start_at`,`end_at`,`live_status_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_kind_idx` ON `room` (`festival_id`,`kind`,`start_at`,`end_at`,`live_status_at`) WHERE is_public = 1;