CREATE TABLE `merchant_room_source` (
	`merchant_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`feed_url` text,
	`app_secret_enc` text,
	`token_url` text,
	`access_token_enc` text,
	`access_token_expires_at` integer,
	`last_sync_at` integer,
	`last_result` text,
	`last_error` text,
	`last_summary` text,
	`failures` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`calls_hour_start` integer,
	`calls_this_hour` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchant`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `merchant_room_source_due_idx` ON `merchant_room_source` (`enabled`,`next_attempt_at`);--> statement-breakpoint
ALTER TABLE `room` ADD `wx_reported_at` integer;--> statement-breakpoint
ALTER TABLE `room` ADD `wx_missing_since` integer;