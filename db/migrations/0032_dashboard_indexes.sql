DROP INDEX `merchant_status_idx`;--> statement-breakpoint
CREATE INDEX `merchant_name_idx` ON `merchant` (`name_zh`);--> statement-breakpoint
CREATE INDEX `merchant_status_idx` ON `merchant` (`status`,`created_at`,`updated_at`);--> statement-breakpoint
CREATE INDEX `room_hidden_approved_idx` ON `room` (`festival_id`) WHERE review_status = 'approved' and is_public = 0;