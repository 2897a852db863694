CREATE TABLE `message_mentions` (
	`message_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`channel_id` int unsigned NOT NULL,
	`kind` enum('user','here') NOT NULL DEFAULT 'user',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `message_mentions_message_id_user_id_pk` PRIMARY KEY(`message_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `push_pacing` (
	`user_id` bigint unsigned NOT NULL,
	`channel_id` int unsigned NOT NULL,
	`last_sent_at` datetime(3),
	`held_count` int unsigned NOT NULL DEFAULT 0,
	`held_up_to_id` bigint unsigned,
	`due_at` datetime(3),
	CONSTRAINT `push_pacing_user_id_channel_id_pk` PRIMARY KEY(`user_id`,`channel_id`)
);
--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`endpoint` text NOT NULL,
	`endpoint_hash` char(64) NOT NULL,
	`p256dh` varchar(128) NOT NULL,
	`auth` varchar(64) NOT NULL,
	`user_agent` varchar(255) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_sent_at` datetime(3),
	CONSTRAINT `push_subscriptions_id` PRIMARY KEY(`id`),
	CONSTRAINT `push_subscriptions_endpoint_hash_unique` UNIQUE(`endpoint_hash`)
);
--> statement-breakpoint
CREATE TABLE `read_states` (
	`user_id` bigint unsigned NOT NULL,
	`channel_id` int unsigned NOT NULL,
	`last_read_id` bigint unsigned NOT NULL DEFAULT 0,
	`muted` boolean NOT NULL DEFAULT false,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `read_states_user_id_channel_id_pk` PRIMARY KEY(`user_id`,`channel_id`)
);
--> statement-breakpoint
ALTER TABLE `users` ADD `online_until` datetime(3);--> statement-breakpoint
ALTER TABLE `users` ADD `read_baseline_id` bigint unsigned DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `message_mentions` ADD CONSTRAINT `message_mentions_message_id_messages_id_fk` FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `message_mentions` ADD CONSTRAINT `message_mentions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `message_mentions` ADD CONSTRAINT `message_mentions_channel_id_channels_id_fk` FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `push_pacing` ADD CONSTRAINT `push_pacing_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `push_pacing` ADD CONSTRAINT `push_pacing_channel_id_channels_id_fk` FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `push_subscriptions` ADD CONSTRAINT `push_subscriptions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `read_states` ADD CONSTRAINT `read_states_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `read_states` ADD CONSTRAINT `read_states_channel_id_channels_id_fk` FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `message_mentions_user_channel` ON `message_mentions` (`user_id`,`channel_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `message_mentions_user` ON `message_mentions` (`user_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`user_id`);--> statement-breakpoint
CREATE INDEX `users_online_until` ON `users` (`online_until`);--> statement-breakpoint
-- People who joined before read state existed: what is already posted counts as read.
UPDATE `users` SET `read_baseline_id` = (SELECT COALESCE(MAX(`id`), 0) FROM `messages`);
