CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`note` text,
	`by_person_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case_id_idx` ON `case_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`desa_code` text NOT NULL,
	`place` text,
	`category` text NOT NULL,
	`method_wanted` text NOT NULL,
	`reasons` text NOT NULL,
	`stock_out_method` text,
	`stock_out_facility` text,
	`consent_to_contact` integer NOT NULL,
	`ref_register` text,
	`age_band` text,
	`children` text,
	`post_partum` integer,
	`status` text NOT NULL,
	`reporter_person_id` integer,
	`reporter_key` text NOT NULL,
	`reporter_address` text,
	`assignee_id` integer,
	`outcome_method` text,
	`outcome_date` text,
	`outcome_note` text,
	`reported_at` text NOT NULL,
	`followed_up_at` text,
	`closed_at` text,
	`reminded_at` text,
	`escalated_at` text,
	FOREIGN KEY (`desa_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_code_idx` ON `cases` (`code`);--> statement-breakpoint
CREATE INDEX `cases_desa_code_status_idx` ON `cases` (`desa_code`,`status`);--> statement-breakpoint
CREATE INDEX `cases_reporter_key_idx` ON `cases` (`reporter_key`);