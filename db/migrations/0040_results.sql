CREATE TABLE `calendar_download` (
	`room_id` integer NOT NULL,
	`day` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`room_id`, `day`),
	FOREIGN KEY (`room_id`) REFERENCES `room`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `festival_results` (
	`festival_id` integer PRIMARY KEY NOT NULL,
	`report_closes_at` integer,
	`locked_at` integer,
	`locked_by` text,
	`published_at` integer,
	`published_by` text,
	`snapshot` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`festival_id`) REFERENCES `festival`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `open_channel_tally` (
	`festival_id` integer NOT NULL,
	`channel` text NOT NULL,
	`opens` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`festival_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `result_tally` (
	`festival_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`district_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`reported_rooms` integer DEFAULT 0 NOT NULL,
	`viewers` integer DEFAULT 0 NOT NULL,
	`orders` integer DEFAULT 0 NOT NULL,
	`sales_fen` integer DEFAULT 0 NOT NULL,
	`opens` integer DEFAULT 0 NOT NULL,
	`calendar_downloads` integer DEFAULT 0 NOT NULL,
	`stars` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`festival_id`, `slot`, `district_id`, `category_id`)
);
--> statement-breakpoint
CREATE TABLE `room_result` (
	`room_id` integer PRIMARY KEY NOT NULL,
	`festival_id` integer NOT NULL,
	`viewers` integer,
	`orders` integer,
	`sales_fen` integer,
	`reported_at` integer,
	`reported_by_user_id` integer,
	`updated_at` integer,
	`opens` integer DEFAULT 0 NOT NULL,
	`calendar_downloads` integer DEFAULT 0 NOT NULL,
	`stars` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `room`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reported_by_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `room_star` (
	`room_id` integer NOT NULL,
	`day` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`room_id`, `day`),
	FOREIGN KEY (`room_id`) REFERENCES `room`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `room_result_sales_idx` ON `room_result` (`festival_id`,`sales_fen`) WHERE sales_fen is not null;--> statement-breakpoint
CREATE INDEX `room_result_viewers_idx` ON `room_result` (`festival_id`,`viewers`) WHERE viewers is not null;--> statement-breakpoint
CREATE INDEX `room_result_opens_idx` ON `room_result` (`festival_id`,`opens`) WHERE opens > 0;--> statement-breakpoint
CREATE INDEX `search_outbox_changed_idx` ON `search_outbox` (`changed_at`);