CREATE TABLE `room_venue` (
	`room_id` integer NOT NULL,
	`venue_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`live_status_at` integer,
	`watchable` integer NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`room_id`, `venue_id`),
	CONSTRAINT "room_venue_time_order" CHECK("room_venue"."end_at" > "room_venue"."start_at")
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `room_venue_start_idx` ON `room_venue` (`venue_id`,`start_at`,`end_at`,`live_status_at`);--> statement-breakpoint
CREATE INDEX `room_venue_end_idx` ON `room_venue` (`venue_id`,`end_at`,`start_at`);--> statement-breakpoint
CREATE INDEX `room_venue_kind_idx` ON `room_venue` (`venue_id`,`kind`,`start_at`,`end_at`,`live_status_at`);--> statement-breakpoint
CREATE INDEX `room_venue_watch_idx` ON `room_venue` (`venue_id`,`watchable`,`start_at`,`end_at`,`live_status_at`);--> statement-breakpoint
CREATE TABLE `venue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`festival_id` integer NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`intro_zh` text DEFAULT '' NOT NULL,
	`intro_en` text DEFAULT '' NOT NULL,
	`banner_key` text,
	`sort` integer DEFAULT 0 NOT NULL,
	`curator_district_id` integer,
	`rule_districts` text DEFAULT '[]' NOT NULL,
	`rule_categories` text DEFAULT '[]' NOT NULL,
	`rule_tags` text DEFAULT '[]' NOT NULL,
	`featured` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`festival_id`) REFERENCES `festival`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`curator_district_id`) REFERENCES `district`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `venue_festival_slug_unique` ON `venue` (`festival_id`,`slug`);--> statement-breakpoint
CREATE INDEX `venue_festival_kind_idx` ON `venue` (`festival_id`,`kind`,`sort`);--> statement-breakpoint
CREATE INDEX `venue_curator_idx` ON `venue` (`curator_district_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `venue_main_unique` ON `venue` (`festival_id`) WHERE kind = 'main';--> statement-breakpoint
CREATE TABLE `venue_pick` (
	`room_id` integer NOT NULL,
	`venue_id` integer NOT NULL,
	`mode` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`room_id`, `venue_id`),
	FOREIGN KEY (`venue_id`) REFERENCES `venue`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `venue_pick_venue_idx` ON `venue_pick` (`venue_id`,`mode`);--> statement-breakpoint
CREATE TABLE `venue_tally` (
	`venue_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`kind` text NOT NULL,
	`starts` integer DEFAULT 0 NOT NULL,
	`ends` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`venue_id`, `slot`, `kind`)
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `user` ADD `district_id` integer REFERENCES district(id);