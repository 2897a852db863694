CREATE TABLE `moderation_actions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`actor_id` bigint unsigned,
	`action` enum('delete_message','edit_message','ban','unban','mute','unmute','set_role','create_channel','update_channel','archive_channel','unarchive_channel') NOT NULL,
	`target_user_id` bigint unsigned,
	`target_message_id` bigint unsigned,
	`target_channel_id` int unsigned,
	`reason` varchar(500) NOT NULL DEFAULT '',
	`details` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `moderation_actions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `channels` ADD `slow_mode_seconds` int unsigned DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `deleted_reason` varchar(500);--> statement-breakpoint
ALTER TABLE `users` ADD `ban_reason` varchar(500);--> statement-breakpoint
ALTER TABLE `users` ADD `mute_reason` varchar(500);--> statement-breakpoint
ALTER TABLE `moderation_actions` ADD CONSTRAINT `moderation_actions_actor_id_users_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `moderation_actions` ADD CONSTRAINT `moderation_actions_target_user_id_users_id_fk` FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `moderation_actions` ADD CONSTRAINT `moderation_actions_target_message_id_messages_id_fk` FOREIGN KEY (`target_message_id`) REFERENCES `messages`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `moderation_actions` ADD CONSTRAINT `moderation_actions_target_channel_id_channels_id_fk` FOREIGN KEY (`target_channel_id`) REFERENCES `channels`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `moderation_actions_created` ON `moderation_actions` (`created_at`);--> statement-breakpoint
CREATE INDEX `moderation_actions_actor` ON `moderation_actions` (`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `moderation_actions_target_user` ON `moderation_actions` (`target_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `messages_author_channel` ON `messages` (`author_id`,`channel_id`,`id`);