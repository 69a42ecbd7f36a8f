CREATE TABLE `practice_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`trainer_id` integer NOT NULL,
	`desa_codes` text NOT NULL,
	`invited` integer DEFAULT 0 NOT NULL,
	`opened_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`trainer_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_rounds_code_idx` ON `practice_rounds` (`code`);--> statement-breakpoint
CREATE INDEX `practice_rounds_trainer_idx` ON `practice_rounds` (`trainer_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `practice_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`duration_seconds` integer NOT NULL,
	`invalid_count` integer DEFAULT 0 NOT NULL,
	`hard_count` integer DEFAULT 0 NOT NULL,
	`soft_count` integer DEFAULT 0 NOT NULL,
	`difference_count` integer DEFAULT 0 NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practice_runs_person_finished_idx` ON `practice_runs` (`person_id`,`finished_at`);--> statement-breakpoint
CREATE INDEX `practice_runs_finished_idx` ON `practice_runs` (`finished_at`);