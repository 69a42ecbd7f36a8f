CREATE TABLE `dhis2_pushes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server` text NOT NULL,
	`period` text NOT NULL,
	`kecamatan_code` text,
	`at` text NOT NULL,
	`trigger` text NOT NULL,
	`dry_run` integer NOT NULL,
	`include_unverified` integer NOT NULL,
	`status` text NOT NULL,
	`sent` integer NOT NULL,
	`imported` integer,
	`updated` integer,
	`ignored` integer,
	`deleted` integer,
	`registered` integer,
	`conflicts_json` text,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `dhis2_pushes_at_idx` ON `dhis2_pushes` (`at`);--> statement-breakpoint
CREATE TABLE `dhis2_registrations` (
	`server` text NOT NULL,
	`period` text NOT NULL,
	`data_set` text NOT NULL,
	`org_unit` text NOT NULL,
	`date` text NOT NULL,
	`sent_at` text NOT NULL,
	`push_id` integer NOT NULL,
	PRIMARY KEY(`server`, `period`, `data_set`, `org_unit`),
	FOREIGN KEY (`push_id`) REFERENCES `dhis2_pushes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `dhis2_sent_values` (
	`server` text NOT NULL,
	`period` text NOT NULL,
	`org_unit` text NOT NULL,
	`data_element` text NOT NULL,
	`value` text NOT NULL,
	`comment` text,
	`sent_at` text NOT NULL,
	`push_id` integer NOT NULL,
	PRIMARY KEY(`server`, `period`, `org_unit`, `data_element`),
	FOREIGN KEY (`push_id`) REFERENCES `dhis2_pushes`(`id`) ON UPDATE no action ON DELETE no action
);
