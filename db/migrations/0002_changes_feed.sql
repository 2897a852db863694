CREATE INDEX `messages_channel_deleted` ON `messages` (`channel_id`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `messages_channel_edited` ON `messages` (`channel_id`,`edited_at`);