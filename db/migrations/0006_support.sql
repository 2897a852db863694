CREATE TABLE `conversations` (
	`channel_id` int unsigned NOT NULL,
	`site_id` int unsigned NOT NULL,
	`visitor_id` bigint unsigned NOT NULL,
	`assignee_id` bigint unsigned,
	`status` enum('open','closed') NOT NULL DEFAULT 'open',
	`visitor_name` varchar(80) NOT NULL DEFAULT '',
	`visitor_email` varchar(255) NOT NULL DEFAULT '',
	`verified` boolean NOT NULL DEFAULT false,
	`external_id` varchar(191),
	`page_url` varchar(2048) NOT NULL DEFAULT '',
	`visitor_address` varchar(64) NOT NULL DEFAULT '',
	`visitor_seen_id` bigint unsigned NOT NULL DEFAULT 0,
	`agent_seen_id` bigint unsigned NOT NULL DEFAULT 0,
	`last_message_id` bigint unsigned NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`closed_at` datetime(3),
	CONSTRAINT `conversations_channel_id` PRIMARY KEY(`channel_id`)
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`public_key` varchar(32) NOT NULL,
	`name` varchar(80) NOT NULL,
	`allowed_origins` text NOT NULL,
	`greeting` varchar(500) NOT NULL DEFAULT '',
	`accent_color` char(7) NOT NULL DEFAULT '#2563eb',
	`require_verified` boolean NOT NULL DEFAULT false,
	`secret_ciphertext` varchar(255) NOT NULL,
	`secret_rotated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`archived_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`created_by` bigint unsigned,
	CONSTRAINT `sites_id` PRIMARY KEY(`id`),
	CONSTRAINT `sites_public_key_unique` UNIQUE(`public_key`)
);
--> statement-breakpoint
CREATE TABLE `visitor_bans` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`site_id` int unsigned NOT NULL,
	`address` varchar(64) NOT NULL,
	`until` datetime(3) NOT NULL,
	`reason` varchar(500) NOT NULL DEFAULT '',
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `visitor_bans_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `moderation_actions` MODIFY COLUMN `action` enum('delete_message','edit_message','ban','unban','mute','unmute','set_role','create_channel','update_channel','archive_channel','unarchive_channel','create_site','update_site','rotate_site_secret','assign_conversation','close_conversation','reopen_conversation','ban_visitor') NOT NULL;--> statement-breakpoint
ALTER TABLE `users` MODIFY COLUMN `role` enum('member','agent','moderator','admin') NOT NULL DEFAULT 'member';--> statement-breakpoint
ALTER TABLE `channels` ADD `kind` enum('channel','conversation') DEFAULT 'channel' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `visitor_site_id` int unsigned;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_channel_id_channels_id_fk` FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_site_id_sites_id_fk` FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_visitor_id_users_id_fk` FOREIGN KEY (`visitor_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `conversations` ADD CONSTRAINT `conversations_assignee_id_users_id_fk` FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `sites` ADD CONSTRAINT `sites_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `visitor_bans` ADD CONSTRAINT `visitor_bans_site_id_sites_id_fk` FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `visitor_bans` ADD CONSTRAINT `visitor_bans_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `conversations_status` ON `conversations` (`status`,`last_message_id`);--> statement-breakpoint
CREATE INDEX `conversations_assignee` ON `conversations` (`assignee_id`,`status`,`last_message_id`);--> statement-breakpoint
CREATE INDEX `conversations_visitor` ON `conversations` (`visitor_id`);--> statement-breakpoint
CREATE INDEX `conversations_site_external` ON `conversations` (`site_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `visitor_bans_site_address` ON `visitor_bans` (`site_id`,`address`);