CREATE TABLE `meeting_attendees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checkin_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`via` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`checkin_id`) REFERENCES `meeting_checkins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_attendees_checkin_person_idx` ON `meeting_attendees` (`checkin_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `meeting_checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`organiser_id` integer NOT NULL,
	`area_code` text NOT NULL,
	`kind` text,
	`opened_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`closed_at` text,
	`meeting_id` integer,
	FOREIGN KEY (`organiser_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_checkins_code_idx` ON `meeting_checkins` (`code`);--> statement-breakpoint
CREATE INDEX `meeting_checkins_organiser_idx` ON `meeting_checkins` (`organiser_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`level` text NOT NULL,
	`area_code` text NOT NULL,
	`kecamatan_code` text,
	`dusun` text,
	`kind` text NOT NULL,
	`held_on` text NOT NULL,
	`period` text NOT NULL,
	`place` text NOT NULL,
	`place_other` text,
	`att_pkb` integer DEFAULT 0 NOT NULL,
	`att_ppkbd` integer DEFAULT 0 NOT NULL,
	`att_sub_ppkbd` integer DEFAULT 0 NOT NULL,
	`att_tokoh_agama` integer DEFAULT 0 NOT NULL,
	`att_tokoh_masyarakat` integer DEFAULT 0 NOT NULL,
	`att_kader_poktan` integer DEFAULT 0 NOT NULL,
	`att_bidan` integer DEFAULT 0 NOT NULL,
	`att_aparat_desa` integer DEFAULT 0 NOT NULL,
	`att_peserta_lain` integer DEFAULT 0 NOT NULL,
	`att_total` integer DEFAULT 0 NOT NULL,
	`kie_kit` integer NOT NULL,
	`topics` text NOT NULL,
	`follow_up` text,
	`checkin_id` integer,
	`reported_by_id` integer NOT NULL,
	`reported_at` text NOT NULL,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kecamatan_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_code_idx` ON `meetings` (`code`);--> statement-breakpoint
CREATE INDEX `meetings_period_kecamatan_idx` ON `meetings` (`period`,`kecamatan_code`);--> statement-breakpoint
CREATE INDEX `meetings_area_period_idx` ON `meetings` (`area_code`,`period`);--> statement-breakpoint
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