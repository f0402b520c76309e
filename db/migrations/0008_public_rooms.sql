CREATE TABLE `room_slot_tally` (
	`festival_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`starts` integer DEFAULT 0 NOT NULL,
	`ends` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`festival_id`, `slot`)
);
--> statement-breakpoint
CREATE TABLE `room_tally` (
	`festival_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`district_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`kind` text NOT NULL,
	`starts` integer DEFAULT 0 NOT NULL,
	`ends` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`festival_id`, `slot`, `district_id`, `category_id`, `kind`)
);
--> statement-breakpoint
ALTER TABLE `room` ADD `is_public` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `room_public_start_idx` ON `room` (`festival_id`,`start_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_end_idx` ON `room` (`festival_id`,`end_at`,`start_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_window_idx` ON `room` (`festival_id`,`start_at`,`end_at`,`live_status_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_district_idx` ON `room` (`festival_id`,`district_id`,`start_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_category_idx` ON `room` (`festival_id`,`category_id`,`start_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_kind_idx` ON `room` (`festival_id`,`kind`,`start_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_public_status_idx` ON `room` (`festival_id`,`live_status_at`) WHERE is_public = 1 and live_status_at is not null;