CREATE TABLE `message_reactions` (
	`message_id` bigint unsigned NOT NULL,
	`emoji` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `message_reactions_message_id_emoji_user_id_pk` PRIMARY KEY(`message_id`,`emoji`,`user_id`)
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `reply_to_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `messages` ADD `reacted_at` datetime(3);--> statement-breakpoint
ALTER TABLE `message_reactions` ADD CONSTRAINT `message_reactions_message_id_messages_id_fk` FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `message_reactions` ADD CONSTRAINT `message_reactions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `message_reactions_user` ON `message_reactions` (`user_id`);