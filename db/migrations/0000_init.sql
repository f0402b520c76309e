CREATE TABLE `category` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `category_code_unique` ON `category` (`code`);--> statement-breakpoint
CREATE TABLE `district` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`city` text NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `district_city_code_unique` ON `district` (`city`,`code`);--> statement-breakpoint
CREATE INDEX `district_city_idx` ON `district` (`city`);--> statement-breakpoint
CREATE TABLE `festival` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`city` text NOT NULL,
	`timezone` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`submission_opens_at` integer,
	`submission_closes_at` integer,
	`published` integer DEFAULT false NOT NULL,
	`is_current` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `festival_slug_unique` ON `festival` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `festival_current_unique` ON `festival` (`is_current`) WHERE is_current = 1;--> statement-breakpoint
CREATE TABLE `merchant` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`legal_name` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text,
	`credit_code` text NOT NULL,
	`district_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`app_id` text NOT NULL,
	`room_page_path` text NOT NULL,
	`url_link` text,
	`contact_name` text NOT NULL,
	`contact_mobile` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`review_note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`district_id`) REFERENCES `district`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `category`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `merchant_credit_code_unique` ON `merchant` (`credit_code`);--> statement-breakpoint
CREATE INDEX `merchant_status_idx` ON `merchant` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `room` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`festival_id` integer NOT NULL,
	`merchant_id` integer,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text,
	`description` text DEFAULT '' NOT NULL,
	`description_en` text,
	`anchor_name` text DEFAULT '' NOT NULL,
	`cover_url` text,
	`district_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`wx_room_id` integer,
	`live_status` integer,
	`live_status_at` integer,
	`replay_url` text,
	`replay_expires_at` integer,
	`review_status` text DEFAULT 'draft' NOT NULL,
	`review_note` text,
	`featured_rank` integer,
	`tags` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`festival_id`) REFERENCES `festival`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchant`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `district`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `category`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "room_kind_merchant" CHECK("room"."kind" = 'showcase' or "room"."merchant_id" is not null),
	CONSTRAINT "room_time_order" CHECK("room"."end_at" > "room"."start_at")
);
--> statement-breakpoint
CREATE INDEX `room_schedule_idx` ON `room` (`festival_id`,`review_status`,`start_at`);--> statement-breakpoint
CREATE INDEX `room_merchant_idx` ON `room` (`merchant_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `room_featured_idx` ON `room` (`festival_id`,`featured_rank`) WHERE featured_rank is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `room_merchant_wx_unique` ON `room` (`merchant_id`,`wx_room_id`);--> statement-breakpoint
CREATE TABLE `room_product` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`price_type` text NOT NULL,
	`price` integer NOT NULL,
	`price2` integer,
	`cover_url` text,
	`page_path` text,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `room`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `room_product_room_idx` ON `room_product` (`room_id`,`sort`);--> statement-breakpoint
CREATE TABLE `showcase_host` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`title` text NOT NULL,
	`title_en` text,
	`district_id` integer,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `room`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`district_id`) REFERENCES `district`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `showcase_host_room_idx` ON `showcase_host` (`room_id`,`sort`);