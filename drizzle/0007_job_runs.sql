CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`period_key` text NOT NULL,
	`scheduled_at` text NOT NULL,
	`ran_at` text NOT NULL,
	`queued` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_job_period_key_idx` ON `job_runs` (`job`,`period_key`);