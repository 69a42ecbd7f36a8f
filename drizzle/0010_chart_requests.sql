CREATE TABLE `chart_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to_address` text NOT NULL,
	`period` text NOT NULL,
	`area_code` text NOT NULL,
	`only_desa` text,
	`label` text NOT NULL,
	`requested_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `chart_requests_requested_at_idx` ON `chart_requests` (`requested_at`);