CREATE TABLE `room_span_tally` (
	`festival_id` integer NOT NULL,
	`start_slot` integer NOT NULL,
	`end_slot` integer NOT NULL,
	`rooms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`festival_id`, `start_slot`, `end_slot`)
);
--> statement-breakpoint
DROP INDEX `room_public_district_idx`;--> statement-breakpoint
DROP INDEX `room_public_category_idx`;--> statement-breakpoint
DROP INDEX `room_public_kind_idx`;--> statement-breakpoint
CREATE INDEX `room_public_district_idx` ON `room` (`festival_id`,`district_id`,`start_at`,`end_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_category_idx` ON `room` (`festival_id`,`category_id`,`start_at`,`end_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_kind_idx` ON `room` (`festival_id`,`kind`,`start_at`,`end_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_tally_district_idx` ON `room_tally` (`festival_id`,`district_id`,`slot`,`starts`,`ends`);--> statement-breakpoint
CREATE INDEX `room_tally_category_idx` ON `room_tally` (`festival_id`,`category_id`,`slot`,`starts`,`ends`);--> statement-breakpoint
CREATE INDEX `room_tally_kind_idx` ON `room_tally` (`festival_id`,`kind`,`slot`,`starts`,`ends`);