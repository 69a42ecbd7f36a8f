CREATE TABLE `recap_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recap_id` integer NOT NULL,
	`version` integer NOT NULL,
	`change` text NOT NULL,
	`values` text,
	`warnings` text,
	`note` text,
	`by_person_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`recap_id`) REFERENCES `recaps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recap_events_recap_id_idx` ON `recap_events` (`recap_id`);--> statement-breakpoint
CREATE TABLE `recaps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`desa_code` text NOT NULL,
	`period` text NOT NULL,
	`unit_id` integer,
	`unit_key` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`values` text NOT NULL,
	`warnings` text NOT NULL,
	`reporter_id` integer NOT NULL,
	`receipt_code` text NOT NULL,
	`submitted_at` text NOT NULL,
	`late` integer NOT NULL,
	`verified_at` text,
	`verified_by` integer,
	`returned_reason` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`desa_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `area_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recaps_desa_code_period_unit_key_idx` ON `recaps` (`desa_code`,`period`,`unit_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `recaps_receipt_code_idx` ON `recaps` (`receipt_code`);--> statement-breakpoint
CREATE INDEX `recaps_period_idx` ON `recaps` (`period`,`status`);