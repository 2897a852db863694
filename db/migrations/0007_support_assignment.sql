ALTER TABLE `users` ADD `support_online_until` datetime(3);--> statement-breakpoint
ALTER TABLE `users` ADD `last_assigned_at` datetime(6);--> statement-breakpoint
CREATE INDEX `users_support_online_until` ON `users` (`support_online_until`);