CREATE TABLE `remote_image` (
	`url` text PRIMARY KEY NOT NULL,
	`image_key` text,
	`failure` text,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `room_schedule_idx`;--> statement-breakpoint
ALTER TABLE `room` ADD `cover_key` text;--> statement-breakpoint
ALTER TABLE `room` ADD `watchable` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `room_public_watch_idx` ON `room` (`festival_id`,`watchable`,`start_at`,`end_at`,`live_status_at`) WHERE is_public = 1;--> statement-breakpoint
CREATE INDEX `room_cover_pending_idx` ON `room` (`id`) WHERE cover_url is not null and cover_key is null;--> statement-breakpoint
CREATE INDEX `room_schedule_idx` ON `room` (`festival_id`,`review_status`,`start_at`,`end_at`);--> statement-breakpoint
ALTER TABLE `room_product` ADD `image_key` text;--> statement-breakpoint
CREATE INDEX `room_product_image_pending_idx` ON `room_product` (`id`) WHERE cover_url is not null and image_key is null;