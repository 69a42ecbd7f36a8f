ALTER TABLE `cases` ADD `assigned_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `referred_to` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `referred_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `deidentified_at` text;--> statement-breakpoint
CREATE INDEX `cases_assignee_id_idx` ON `cases` (`assignee_id`);