CREATE TABLE `auth_throttles` (
	`scope` enum('signin_user','signin_address','signup_address') NOT NULL,
	`key` varchar(191) NOT NULL,
	`attempts` int unsigned NOT NULL DEFAULT 0,
	`last_attempt_at` datetime(3) NOT NULL,
	`blocked_until` datetime(3),
	CONSTRAINT `auth_throttles_scope_key_pk` PRIMARY KEY(`scope`,`key`)
);
--> statement-breakpoint
ALTER TABLE `users` ADD `session_version` int unsigned DEFAULT 0 NOT NULL;