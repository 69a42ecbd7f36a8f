CREATE TABLE `area_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`area_code` text NOT NULL,
	`alias` text NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `area_aliases_area_code_alias_idx` ON `area_aliases` (`area_code`,`alias`);--> statement-breakpoint
CREATE TABLE `area_participation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`desa_code` text NOT NULL,
	`action` text NOT NULL,
	`from_period` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`desa_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `area_participation_desa_code_idx` ON `area_participation` (`desa_code`,`from_period`);--> statement-breakpoint
CREATE TABLE `area_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`desa_code` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`desa_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `area_units_desa_code_name_key_idx` ON `area_units` (`desa_code`,`name_key`);--> statement-breakpoint
CREATE TABLE `areas` (
	`code` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`kind` text,
	`parent_code` text,
	FOREIGN KEY (`parent_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `areas_parent_code_idx` ON `areas` (`parent_code`);--> statement-breakpoint
CREATE TABLE `chat_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`sender_key` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inbound_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider_id` text NOT NULL,
	`transport` text NOT NULL,
	`sender_key` text NOT NULL,
	`chat_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text,
	`received_at` text NOT NULL,
	`processed_at` text NOT NULL,
	`outcome` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_messages_provider_id_idx` ON `inbound_messages` (`provider_id`);--> statement-breakpoint
CREATE INDEX `inbound_messages_received_at_idx` ON `inbound_messages` (`received_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to_address` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`media_name` text,
	`media_path` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`not_before` text NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text,
	`provider_message_id` text,
	`inbound_id` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_status_not_before_idx` ON `outbox` (`status`,`not_before`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`area_spec` text NOT NULL,
	`home_area_code` text NOT NULL,
	`unit_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`home_area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `area_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_phone_idx` ON `people` (`phone`);--> statement-breakpoint
CREATE TABLE `people_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`change` text NOT NULL,
	`snapshot` text NOT NULL,
	`source` text NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_history_person_id_idx` ON `people_history` (`person_id`);--> statement-breakpoint
CREATE TABLE `person_areas` (
	`person_id` integer NOT NULL,
	`area_code` text NOT NULL,
	PRIMARY KEY(`person_id`, `area_code`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_areas_area_code_idx` ON `person_areas` (`area_code`);