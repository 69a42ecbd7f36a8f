CREATE TABLE `recap_reopenings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`desa_code` text NOT NULL,
	`period` text NOT NULL,
	`by_person_id` integer NOT NULL,
	`at` text NOT NULL,
	`until` text NOT NULL,
	FOREIGN KEY (`desa_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recap_reopenings_desa_code_period_idx` ON `recap_reopenings` (`desa_code`,`period`);